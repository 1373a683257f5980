import { z } from "zod";

/** A Linux interface name typed into a form. */
export const ifName = z
  .string()
  .trim()
  .min(1, "required")
  .max(15, "a Linux interface name has at most 15 characters")
  .regex(/^[^\s/:]+$/, "no spaces, '/' or ':'");

/**
 * A number typed into a form field. A blank field ("" from a text input, NaN from valueAsNumber, null, nothing) becomes
 * undefined — z.coerce.number would turn "" and null into 0, so a required VLAN ID left empty passed as VLAN 0 — and
 * digits become a number; anything else stays as it is and fails as "a number".
 */
export const formNumber = (v: unknown): unknown => {
  if (v === undefined || v === null || (typeof v === "number" && Number.isNaN(v))) return undefined;
  if (typeof v !== "string") return v;
  const s = v.trim();
  if (s === "") return undefined;
  return /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : v;
};
export const whole = (min: number, max: number, range: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? "required" : "a number") })
    .int("a whole number")
    .min(min, range)
    .max(max, range);
export const mtu = z.preprocess(
  formNumber,
  z.number({ error: "a number" }).int("a whole number").min(68, "at least 68").max(65535, "at most 65535").optional(),
);
export const vlanId = z.preprocess(formNumber, whole(0, 4094, "0 to 4094"));
export const optionalVlan = z.preprocess(formNumber, whole(0, 4094, "0 to 4094").optional());
export const onOff = z.enum(["", "on", "off"]).optional();
export const macAddress = z
  .string()
  .trim()
  .regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/, "a MAC address like 00:1a:4a:16:06:76");

/** A form's number as the config writes it: a blank field is no key at all. */
export const numberOrUndefined = (v: number | "" | undefined): number | undefined =>
  v === "" || v === undefined ? undefined : v;

/** A config value as a form's text field holds it. */
export const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/**
 * A config's value for a field with fixed options, kept as written even when it is not one of them: the form then
 * shows it and its schema refuses it at that field, rather than an edit silently changing it to a default.
 */
export function keepOption<T extends string>(value: string): T {
  // biome-ignore lint/plugin: deliberately unchecked here; networkFormSchema checks it when the form is submitted
  return value as T;
}
