import { Page } from "../app/Layout";

// TODO(scaffold): replaced by the real page before this lands.
export default function OpgavePage() {
  return <Page title="Opgave">{null}</Page>;
}
