// Package trend owns premia trend (issue 14, item 6): a book's periods
// side by side, per person and KPI — the fact, the fulfilment, the
// person's K and pay — and the reachability of each KPI's norm over the
// whole history.
//
// It computes nothing of pay itself. cmd/premia/trend.go hands it each
// period: a closed one as a Chunk of its snapshot's lean figures
// (book.Figures, read in parallel), an open one as calc's run of its fact
// sheet (Builder.Add, made into a Chunk); Builder.TakeChunk takes them in
// the periods' order. Whether a person reached a norm is
// internal/teamstats' judgement (teamstats.Reached), counted per person
// and period as a chunk is taken, the counts summed in teamstats' order.
// What is held is, per person, the names, roles and departments met, per
// period the K and pay, and per KPI and period a compact cell of its
// fact, norm and fulfilment (docs/book.md §6); AllRows gives them as
// Rows, one at a time.
package trend
