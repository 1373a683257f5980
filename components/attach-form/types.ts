import type { z } from "zod";
import type { attachFormSchema } from "@/lib/attach/attach";

export type AttachFormInput = z.input<typeof attachFormSchema>;

export const emptyEntry = { network: "", interface: "", ip: "", mac: "" };
