import type { z } from "zod";
import type { attachFormSchema } from "@/lib/network-form/attach";

export type AttachFormInput = z.input<typeof attachFormSchema>;

export const emptyEntry = { network: "", interface: "", ip: "", mac: "" };
