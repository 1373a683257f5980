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
  const signedOut = registry.identity === "forwarded-token" && !tokenFromHeaders(await headers(), registry.tokenHeader);
  return (
    <html lang="en">
      <body>{signedOut ? <SignIn /> : <Providers>{children}</Providers>}</body>
    </html>
  );
}
