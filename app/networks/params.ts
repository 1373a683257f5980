/** The one string value of a query parameter (repeated or missing ones read as absent). */
export function one(params: Record<string, string | string[] | undefined>, key: string): string | undefined {
  const v = params[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
