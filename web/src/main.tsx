import { StrictMode, lazy, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import "@utrecht/component-library-css/dist/index.css";
import "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css";
import "./app/app.css";
import { SessionProvider } from "./app/auth";
import { Layout } from "./app/Layout";
import { Loading } from "./app/ui";
import { SearchPage } from "./pages/Search";
import { SignInPage } from "./pages/SignIn";
import { NotFoundPage } from "./pages/NotFound";

// Pages load on demand: the first load carries the search page only; the maps come when opened.
const GemeentePage = lazy(() => import("./pages/Gemeente"));
const RegionPage = lazy(() => import("./pages/Region"));
const ComparePage = lazy(() => import("./pages/Compare"));
const NetworkPage = lazy(() => import("./pages/Network"));
const TrustPage = lazy(() => import("./pages/Trust"));
const OpgavePage = lazy(() => import("./pages/Opgave"));
const OpgaveEditPage = lazy(() => import("./pages/OpgaveEdit"));
const SpreadsheetPage = lazy(() => import("./pages/Spreadsheet"));
const LessonsPage = lazy(() => import("./pages/Lessons"));

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<SearchPage />} />
              <Route path="aanmelden" element={<SignInPage />} />
              <Route path="gemeente/:code" element={<GemeentePage />} />
              <Route path="organisatie/:id" element={<GemeentePage />} />
              <Route path="regio/:division/:code" element={<RegionPage />} />
              <Route path="vergelijk" element={<ComparePage />} />
              <Route path="netwerk" element={<NetworkPage />} />
              <Route path="vertrouwen" element={<TrustPage />} />
              <Route path="opgave/nieuw" element={<OpgaveEditPage />} />
              <Route path="opgave/:id" element={<OpgavePage />} />
              <Route path="opgave/:id/bewerken" element={<OpgaveEditPage />} />
              <Route path="spreadsheet" element={<SpreadsheetPage />} />
              <Route path="lessen" element={<LessonsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </Suspense>
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
