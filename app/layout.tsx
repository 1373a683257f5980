import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SignIn } from "@/components/sign-in";
import { tokenFromHeaders } from "@/server/identity";
import { getRegistry } from "@/server/registry-instance";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Plumbline — Multus network topology",
  description: "How your Multus secondary networks are really wired",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the cluster as the caller: no token, no dashboard (the API answers 401 as well).
  const registry = getRegistry();
  const requestHeaders = await headers();
  const signedOut = registry.identity === "forwarded-token" && !tokenFromHeaders(requestHeaders, registry.tokenHeader);
  // proxy.ts puts the page's nonce in the request's policy; the theme's inline script needs it to run.
  const nonce = /'nonce-([^']+)'/.exec(requestHeaders.get("content-security-policy") ?? "")?.[1];
  return (
    // next-themes sets the html class before React hydrates: that attribute differs from the server's by design
    <html lang="en" suppressHydrationWarning>
      <body>{signedOut ? <SignIn /> : <Providers nonce={nonce}>{children}</Providers>}</body>
    </html>
  );
}
