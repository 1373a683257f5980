import { stringify } from "yaml";

/**
 * YAML for the objects the forms write (a NAD, an operator entry, a pod-template annotation), the way admins read
 * them in `kubectl get -o yaml`: multi-line strings (spec.config) as literal blocks, no line folding, and whatever a
 * YAML reader could take for another type quoted (the `yaml` package decides; it reads back what it writes).
 */
export function toYaml(value: unknown): string {
  return stringify(value, { blockQuote: "literal", lineWidth: 0, aliasDuplicateObjects: false });
}
