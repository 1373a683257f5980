import { AttachPage } from "@/components/attach-form/attach-page";
import { one, type SearchParams } from "../params";

export const metadata = { title: "Attach networks to a workload — Plumbline" };

/** /networks/attach[?ns=<namespace>][&network=<nad name or ns/name>][&workload=<Kind>/<name>][&context=<kubeconfig context>] */
export default async function AttachNetworksPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  return (
    <AttachPage
      context={one(params, "context")}
      namespace={one(params, "ns")}
      network={one(params, "network")}
      workload={one(params, "workload")}
    />
  );
}
