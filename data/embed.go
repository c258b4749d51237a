// Package data embeds Samenspel's default dataset (data/cbs: real CBS and TOOI tables, CC BY 4.0,
// and the Kiesraad's 2017 waterschap–gemeente table, whose source states no licence; see
// data/cbs/README.md), so that `samenspel import` and `make run` work from any build without a path.
package data

import "embed"

// CBS holds the files of data/cbs, manifest.json at its root.
//
//go:embed cbs/*.csv cbs/historical/*.csv cbs/manifest.json
var CBS embed.FS

// CBSRoot is the folder inside CBS that holds manifest.json.
const CBSRoot = "cbs"

// WaterschapGemeenten is the Kiesraad's 2017 table of which gemeenten lie in which waterschap
// (gemeenten of 2018, waterschappen of before the 2016/2017 mergers; licence not stated in the
// source). It is not part of the imported dataset: only the demo generator uses it, see
// cbs/README.md.
const WaterschapGemeenten = CBSRoot + "/historical/waterschap_gemeente_kiesraad_2017.csv"
