import { Page } from "../app/Layout";

// TODO(scaffold): replaced by the real page before this lands.
export default function RegionPage() {
  return <Page title="Region">{null}</Page>;
}
