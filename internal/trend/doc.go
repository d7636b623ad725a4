// Package trend owns premia trend (issue 14, item 6): a book's periods
// side by side, per person and KPI — the fact, the fulfilment, the
// person's K and pay — and the reachability of each KPI's norm over the
// whole history.
//
// It computes nothing of pay itself. cmd/premia/trend.go hands it each
// period: a closed one as a Chunk of its snapshot's lean figures
// (book.Figures, read in parallel), an open one as calc's run of its fact
// sheet, each employee a Line as computed (ResultLine); Builder.TakeChunk takes them in
// the periods' order. Whether a person reached a norm is
// internal/teamstats' judgement (teamstats.ReachedBy), counted per person
// and period as a chunk is taken, the counts summed in teamstats' order.
// What is held is each period's chunk as taken in: per person the name,
// role and department, K and pay, and per KPI a compact cell of its
// fact, norm and fulfilment (docs/book.md §6), each figure c × 10^e or
// exact beside (Num). Builder.Trend meets the periods' people by id;
// AllRows gives the rows one at a time, and RowsOf a range of people's,
// so that several ranges are written at once (report.TrendCSV). Stream
// meets periods given in pieces, in id order, a window of people at a
// time, each window a Trend of its own: trend to CSV holds a window of
// each closed period, not the periods.
package trend
