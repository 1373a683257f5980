import { FleetPage } from "@/components/fleet/fleet-page";

/** Every cluster the server offers, side by side (`serve --all-contexts`, or several `--context`). */
export default function Fleet() {
  return <FleetPage />;
}
