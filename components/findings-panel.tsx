// The explorer and the details import the findings UI from here; the parts live in components/findings/.
export { FindingsList } from "./findings/finding-item";
export { ProblemsPanel as FindingsPanel } from "./findings/problems-panel";
