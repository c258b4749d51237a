import { Page } from "../app/Layout";

// TODO(scaffold): replaced by the real page before this lands.
export default function TrustPage() {
  return <Page title="Trust">{null}</Page>;
}
