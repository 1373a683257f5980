import { Explorer } from "@/components/explorer";

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context } = await searchParams;
  return <Explorer context={typeof context === "string" ? context : undefined} />;
}
