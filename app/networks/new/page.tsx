import { NewNetwork } from "@/components/network-form/new-network";
import { one, type SearchParams } from "../params";

export const metadata = { title: "New network — Plumbline" };

/** /networks/new[?clone=<ns>/<name>][&ns=<namespace>][&context=<kubeconfig context>] */
export default async function NewNetworkPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  return <NewNetwork context={one(params, "context")} clone={one(params, "clone")} namespace={one(params, "ns")} />;
}
