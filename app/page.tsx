import { Explorer } from "@/components/explorer/explorer";

export default async function Home({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
  const context = params.context;
  return <Explorer context={typeof context === "string" ? context : undefined} initialQuery={query.toString()} />;
}
