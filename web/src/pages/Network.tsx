import { Page } from "../app/Layout";

// TODO(scaffold): replaced by the real page before this lands.
export default function NetworkPage() {
  return <Page title="Network">{null}</Page>;
}
