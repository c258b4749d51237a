import { Page } from "../app/Layout";

// TODO(scaffold): replaced by the real page before this lands.
export default function EditPage() {
  return <Page title="Edit">{null}</Page>;
}
