import { Page } from "../app/Layout";

// TODO(scaffold): replaced by the real page before this lands.
export default function ComparePage() {
  return <Page title="Compare">{null}</Page>;
}
