import type { z } from "zod";
import type { DrawnType, PluginType } from "../contract/schema";
import type { JsonObject } from "../result";
import { bridge, bridgeForm } from "./bridge";
import { hostDevice, hostDeviceForm } from "./host-device";
import { ipvlan, ipvlanForm } from "./ipvlan";
import { macvlan, macvlanForm } from "./macvlan";
import { ovnOverlay } from "./ovn-overlay";
import type { DeclaredField, Plugin } from "./plugin";
import { sriov, sriovForm } from "./sriov";
import { tap, tapForm } from "./tap";
import { vlan, vlanForm } from "./vlan";

// Every CNI plugin Plumbline draws and writes, one file each. A new plugin: copy lib/plugins/tap.ts, add its name to
// PLUGIN_TYPES (lib/contract/schema.ts), then one line in PLUGINS, one in PLUGIN_SCHEMAS and one case in each switch
// below; the compiler names every place that still lacks it.

/** By CNI type, in the type picker's order. */
export const PLUGINS: { [T in PluginType]: Plugin<T> } = {
  bridge,
  macvlan,
  ipvlan,
  "host-device": hostDevice,
  vlan,
  sriov,
  tap,
};

/** Plugins drawn but written only as raw JSON (their NADs are rendered by a controller: edit its object). */
const DRAWN_ONLY: { [T in Exclude<DrawnType, PluginType>]: Plugin<T> } = {
  "ovn-k8s-cni-overlay": ovnOverlay,
};

// A Map, not the record: a CNI type of `__proto__` or `constructor` must not find Object.prototype's members.
const BY_TYPE = new Map<string, Plugin<DrawnType>>(
  [...Object.values(PLUGINS), ...Object.values(DRAWN_ONLY)].map((p) => [p.type, p]),
);
const FORM_TYPES = new Set<string>(Object.keys(PLUGINS));

/** The plugin of a CNI type, if Plumbline knows it. */
export const pluginOf = (type: string): Plugin<DrawnType> | undefined => BY_TYPE.get(type);

/** Whether the NAD form has fields for this plugin (else its configs open as raw JSON). */
export const isFormType = (type: string): type is PluginType => FORM_TYPES.has(type);

/** The form schemas, for the form's discriminated union. */
export const PLUGIN_SCHEMAS = [
  bridgeForm.schema,
  macvlanForm.schema,
  ipvlanForm.schema,
  hostDeviceForm.schema,
  vlanForm.schema,
  sriovForm.schema,
  tapForm.schema,
] as const;

export type PluginFormInput = z.input<(typeof PLUGIN_SCHEMAS)[number]>;
export type PluginFormValues = z.output<(typeof PLUGIN_SCHEMAS)[number]>;

/** A fresh form for a plugin; `master` carries a parent NIC over from the type the user had picked before. */
export function pluginDefaults(type: PluginType, master: string): PluginFormInput {
  switch (type) {
    case "bridge":
      return bridgeForm.defaults();
    case "macvlan":
      return macvlanForm.defaults(master);
    case "ipvlan":
      return ipvlanForm.defaults(master);
    case "host-device":
      return hostDeviceForm.defaults();
    case "vlan":
      return vlanForm.defaults(master);
    case "sriov":
      return sriovForm.defaults();
    case "tap":
      return tapForm.defaults();
  }
}

/** The form for a config of the plugin (its keys already checked against formKeys). */
export function pluginFormOf(type: PluginType, c: JsonObject, resourceName: string | undefined): PluginFormInput {
  switch (type) {
    case "bridge":
      return bridgeForm.fromConfig(c);
    case "macvlan":
      return macvlanForm.fromConfig(c);
    case "ipvlan":
      return ipvlanForm.fromConfig(c);
    case "host-device":
      return hostDeviceForm.fromConfig(c);
    case "vlan":
      return vlanForm.fromConfig(c);
    case "sriov":
      return sriovForm.fromConfig(c, resourceName);
    case "tap":
      return tapForm.fromConfig(c);
  }
}

/** The plugin's own keys of the CNI config a valid form stands for. */
export function pluginConfigOf(m: PluginFormValues): Record<string, unknown> {
  switch (m.type) {
    case "bridge":
      return bridgeForm.toConfig(m);
    case "macvlan":
      return macvlanForm.toConfig(m);
    case "ipvlan":
      return ipvlanForm.toConfig(m);
    case "host-device":
      return hostDeviceForm.toConfig(m);
    case "vlan":
      return vlanForm.toConfig(m);
    case "sriov":
      return sriovForm.toConfig(m);
    case "tap":
      return tapForm.toConfig(m);
  }
}

/** Annotations the NAD carries for the plugin (SR-IOV's resource name), none for most. */
export function pluginAnnotations(m: PluginFormValues): Record<string, string> | null {
  switch (m.type) {
    case "sriov":
      return sriovForm.annotations(m);
    case "bridge":
    case "macvlan":
    case "ipvlan":
    case "host-device":
    case "vlan":
    case "tap":
      return null;
  }
}

/** Fields a plugin's form describes rather than draws with a component of its own (components/network-form/). */
export function declaredFields(type: PluginType): readonly DeclaredField[] | null {
  switch (type) {
    case "tap":
      return tapForm.fields;
    case "bridge":
    case "macvlan":
    case "ipvlan":
    case "host-device":
    case "vlan":
    case "sriov":
      return null;
  }
}
