//! The leaders' spread map and tables: clusters per viewport and zoom, the table per kecamatan
//! or desa. Both answer from the in-memory index (`crate::spread`) after bringing it up to
//! date, within the user's scope.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::spread::cluster::{self, Viewport};
use crate::spread::selection::Selection;
use crate::spread::table::{self, TableContext};
use crate::spread::{Spread, markers};
use crate::state::AppState;
use crate::wire::{Format, Reply};
use axum::extract::{Query, State};
use tepat_domain::RegionCode;
use tepat_protocol::spread::{
    ClusterQuery, RegionTable, RegionTableQuery, SpreadClusters, SpreadFilter,
};

const READ_SPREAD: &str = "membuka peta sebaran dan rekap (hanya peran yang membaca data keluarga)";

/// The index brought up to date, then `work` on it.
async fn with_index<R: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(
        &dyn crate::store::Store,
        &crate::spread::index::SpreadIndex,
    ) -> Result<R, AppError>
    + Send
    + 'static,
) -> Result<R, AppError> {
    Spread::start(state);
    let spread = state.spread.clone();
    let kabupaten = state.config.kabupaten.clone();
    let now = state.clock.now();
    state
        .blocking(move |s| {
            spread.update(s, &kabupaten, now)?;
            Ok(spread.read(|index| work(s, index)))
        })
        .await?
        .ok_or_else(|| AppError::Internal("spread index missing after update".into()))?
}

/// GET spread/clusters.
pub async fn clusters(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<ClusterQuery>,
    Query(filter): Query<SpreadFilter>,
) -> Result<Reply<SpreadClusters>, AppError> {
    current.require(current.user.role.reads_families(), READ_SPREAD)?;
    let scope = current
        .asked_region(&state, filter.region.as_deref())
        .await?;
    let view = Viewport::of(&query).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let answer = with_index(&state, move |_, index| {
        let selection = Selection::new(index, &scope, &filter)
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
        let found = cluster::clusters(index, &view, &selection, query.colour);
        Ok(SpreadClusters {
            zoom: view.zoom(),
            colour: query.colour,
            clusters: found.clusters,
            regions: markers::markers(index, &selection, view.zoom(), view.rect()),
            in_view: found.in_view,
            matching: found.matching,
            unpinned: found.unpinned,
            as_of: index.as_of,
            scope: markers::scope_bounds(index, &selection),
        })
    })
    .await?;
    Ok(format.reply(answer))
}

/// GET spread/regions.
pub async fn regions(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<RegionTableQuery>,
) -> Result<Reply<RegionTable>, AppError> {
    current.require(current.user.role.reads_families(), READ_SPREAD)?;
    let scope: RegionCode = current
        .asked_region(&state, query.within.as_deref())
        .await?;
    let kabupaten = state.config.kabupaten.clone();
    let now = state.clock.now();
    let level = query.level;
    let answer = with_index(&state, move |s, index| {
        let ctx = TableContext::read(s, &kabupaten, now)?;
        Ok(table::table(index, &ctx, &scope, level))
    })
    .await?;
    Ok(format.reply(answer))
}
