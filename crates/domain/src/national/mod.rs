//! The exchange with the national system (SIKS-NG): the spreadsheet the Dinas uploads for a
//! ratified batch, and the result file it gets back. No public template of the upload exists,
//! so Tepat writes its own documented layout (`docs/national-exchange.md`) and keeps the column
//! mapping as data ([`layout::COLUMNS`]). Pure: the server writes the bytes (CSV here, XLSX in
//! the server) and applies the result through the workflow.
//!
//! - [`layout`]: one row per active member of each proposal, the column table.
//! - [`csv`]: RFC 4180 writing (UTF-8 with BOM, `;`) and reading (`;`, `,`, tab or `|`).
//! - [`result`]: reading the national result (ID USULAN or NOKK, HASIL, ALASAN) from rows of
//!   cells, with every row it cannot read reported by number and reason.

pub mod csv;
pub mod layout;
pub mod result;
