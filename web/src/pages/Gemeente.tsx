import { Page } from "../app/Layout";

// TODO(scaffold): replaced by the real page before this lands.
export default function GemeentePage() {
  return <Page title="Gemeente">{null}</Page>;
}
