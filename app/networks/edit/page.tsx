import { EditNetwork } from "@/components/network-form/edit-network";
import { one, type SearchParams } from "../params";

export const metadata = { title: "Edit network — Plumbline" };

/** /networks/edit?ns=<namespace>&name=<name>[&context=<kubeconfig context>] */
export default async function EditNetworkPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  return <EditNetwork context={one(params, "context")} namespace={one(params, "ns")} name={one(params, "name")} />;
}
