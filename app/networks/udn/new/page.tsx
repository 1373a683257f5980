import { NewUdn } from "@/components/udn-form/new-udn";
import { UDN_KINDS } from "@/lib/udn-form/fields";
import { one, type SearchParams } from "../../params";

export const metadata = { title: "New user-defined network — Plumbline" };

/** /networks/udn/new[?kind=UserDefinedNetwork|ClusterUserDefinedNetwork][&ns=…][&clone=…][&context=…] */
export default async function NewUdnPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const kind = UDN_KINDS.find((k) => k === one(params, "kind"));
  return (
    <NewUdn context={one(params, "context")} kind={kind} namespace={one(params, "ns")} clone={one(params, "clone")} />
  );
}
