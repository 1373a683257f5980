import { ViewUdn } from "@/components/udn-form/view-udn";
import { UDN_KINDS } from "@/lib/udn-form/fields";
import { one, type SearchParams } from "../../params";

export const metadata = { title: "User-defined network — Plumbline" };

/** /networks/udn/view?kind=…&name=…[&ns=…][&context=…] */
export default async function ViewUdnPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const kind = UDN_KINDS.find((k) => k === one(params, "kind"));
  return (
    <ViewUdn context={one(params, "context")} kind={kind} namespace={one(params, "ns")} name={one(params, "name")} />
  );
}
