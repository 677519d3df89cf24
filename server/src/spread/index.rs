//! The spread index: every family of the kabupaten as a 16-byte point (position, flags, status,
//! decile, members) grouped per desa, with each desa's proposals and visits, held in memory so
//! the leaders' map and tables answer from it without reading the database. It is built once
//! from the store and then kept up to date family by family (`SpreadIndex::apply`).

use super::mercator;
use crate::store::{ProposalRecord, Store, StoreResult};
use std::collections::{HashMap, HashSet};
use tepat_domain::instrument::Programme;
use tepat_domain::targeting::{Receives, likely_exclusion_error, likely_inclusion_error};
use tepat_domain::workflow::{ProposalKind, ProposalState, StatusCategory};
use tepat_domain::{Family, FamilyId, RegionCode};
use tepat_protocol::spread::{ColourBy, TargetingError};

/// Bits of [`FamilyPoint::flags`].
pub mod flag {
    /// The house is pinned (`x`, `y` hold its position).
    pub const PINNED: u16 = 1;
    /// A photo of the house is recorded.
    pub const PHOTO: u16 = 1 << 1;
    /// A verifier has visited the family.
    pub const VISITED: u16 = 1 << 2;
    /// Below the extreme-poverty line.
    pub const EXTREME: u16 = 1 << 3;
    /// Whether the family is below the line is known.
    pub const EXTREME_KNOWN: u16 = 1 << 4;
    /// Receives PKH.
    pub const PKH: u16 = 1 << 5;
    /// Receives BPNT.
    pub const BPNT: u16 = 1 << 6;
    /// Receives PBI-JK.
    pub const PBI_JK: u16 = 1 << 7;
    /// Receives another programme (BLT, PIP).
    pub const OTHER: u16 = 1 << 8;
    /// A likely inclusion error.
    pub const INCLUSION: u16 = 1 << 9;
    /// A likely exclusion error.
    pub const EXCLUSION: u16 = 1 << 10;
}

/// One family as the dashboard needs it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FamilyPoint {
    /// World position ([`mercator`]); meaningful only with [`flag::PINNED`].
    pub x: u32,
    /// World position.
    pub y: u32,
    /// [`flag`] bits.
    pub flags: u16,
    /// 0 without a proposal, else 1 + the most urgent status (`STATUS_CLASSES` order).
    pub status: u8,
    /// Local decile 1..=10, 0 when unscored.
    pub decile: u8,
    /// Active members (at most 255).
    pub members: u8,
}

impl FamilyPoint {
    /// Whether a flag is set.
    pub fn has(&self, bit: u16) -> bool {
        self.flags & bit != 0
    }

    /// The family's class under a colouring (an index into the cluster's `parts`).
    pub fn class(&self, colour: ColourBy) -> usize {
        match colour {
            ColourBy::Status => usize::from(self.status),
            ColourBy::Decile => usize::from(self.decile.min(10)),
            ColourBy::Programme => self.programme_class(),
            ColourBy::Extreme => {
                if !self.has(flag::EXTREME_KNOWN) {
                    0
                } else if self.has(flag::EXTREME) {
                    1
                } else {
                    2
                }
            }
        }
    }

    /// 0 none, 1 PKH, 2 BPNT (without PKH), 3 PBI-JK only, 4 another programme only.
    pub fn programme_class(&self) -> usize {
        if self.has(flag::PKH) {
            1
        } else if self.has(flag::BPNT) {
            2
        } else if self.has(flag::PBI_JK) {
            3
        } else if self.has(flag::OTHER) {
            4
        } else {
            0
        }
    }

    /// Whether it is a likely targeting error of this kind.
    pub fn is_error(&self, kind: TargetingError) -> bool {
        match kind {
            TargetingError::Inclusion => self.has(flag::INCLUSION),
            TargetingError::Exclusion => self.has(flag::EXCLUSION),
        }
    }
}

/// The status class of a status category (`STATUS_CLASSES` order).
pub fn status_class(category: StatusCategory) -> u8 {
    match category {
        StatusCategory::Draft => 1,
        StatusCategory::WaitingForMusdes => 2,
        StatusCategory::InApprovalChain => 3,
        StatusCategory::Returned => 4,
        StatusCategory::Final => 5,
        StatusCategory::Closed => 6,
    }
}

/// A proposal as the tables need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalPoint {
    /// The family proposed.
    pub family: FamilyId,
    /// What is proposed.
    pub kind: ProposalKind,
    /// Where it stands.
    pub state: ProposalState,
    /// When it was created.
    pub created: jiff::Timestamp,
    /// When it reached its state.
    pub reached: jiff::Timestamp,
}

/// The rectangle and centre of a desa's pinned houses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    /// Westmost.
    pub min_x: u32,
    /// Northmost.
    pub min_y: u32,
    /// Eastmost.
    pub max_x: u32,
    /// Southmost.
    pub max_y: u32,
    /// Sum of positions (centre = sum / pinned).
    pub sum_x: u64,
    /// Sum of positions.
    pub sum_y: u64,
    /// Pinned houses.
    pub pinned: u64,
}

impl Extent {
    /// The extent of the pinned points, if any.
    pub fn of(points: &[FamilyPoint]) -> Option<Extent> {
        let mut extent: Option<Extent> = None;
        for p in points.iter().filter(|p| p.has(flag::PINNED)) {
            let e = extent.get_or_insert(Extent {
                min_x: p.x,
                min_y: p.y,
                max_x: p.x,
                max_y: p.y,
                sum_x: 0,
                sum_y: 0,
                pinned: 0,
            });
            e.min_x = e.min_x.min(p.x);
            e.min_y = e.min_y.min(p.y);
            e.max_x = e.max_x.max(p.x);
            e.max_y = e.max_y.max(p.y);
            e.sum_x += u64::from(p.x);
            e.sum_y += u64::from(p.y);
            e.pinned += 1;
        }
        extent
    }

    /// The smallest extent holding both.
    pub fn union(self, other: Extent) -> Extent {
        Extent {
            min_x: self.min_x.min(other.min_x),
            min_y: self.min_y.min(other.min_y),
            max_x: self.max_x.max(other.max_x),
            max_y: self.max_y.max(other.max_y),
            sum_x: self.sum_x + other.sum_x,
            sum_y: self.sum_y + other.sum_y,
            pinned: self.pinned + other.pinned,
        }
    }

    /// Whether it meets the rectangle `[x0, x1] × [y0, y1]`.
    pub fn meets(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> bool {
        self.max_x >= x0 && self.min_x <= x1 && self.max_y >= y0 && self.min_y <= y1
    }
}

/// A kecamatan of the kabupaten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kecamatan {
    /// Code.
    pub code: RegionCode,
    /// Official name.
    pub name: String,
}

/// One desa's families, proposals and visits.
#[derive(Debug, Clone)]
pub struct DesaBucket {
    /// Code.
    pub code: RegionCode,
    /// Official name.
    pub name: String,
    /// Index into [`SpreadIndex::kecamatan`].
    pub kecamatan: usize,
    /// One of the kabupaten's extreme-poverty loci.
    pub loci: bool,
    /// Family ids, in step with `points`.
    pub ids: Vec<FamilyId>,
    /// The families.
    pub points: Vec<FamilyPoint>,
    /// The desa's proposals.
    pub proposals: Vec<ProposalPoint>,
    /// When each verification visit in the desa was recorded.
    pub visits: Vec<jiff::Timestamp>,
    /// Its pinned houses' rectangle and centre (kept by [`DesaBucket::recount`]).
    pub extent: Option<Extent>,
    /// Families below the extreme-poverty line (kept by [`DesaBucket::recount`]).
    pub extreme: u32,
}

impl DesaBucket {
    fn recount(&mut self) {
        self.extent = Extent::of(&self.points);
        self.extreme = self.points.iter().filter(|p| p.has(flag::EXTREME)).count() as u32;
    }
}

/// What one desa's refresh read from the store (read without holding the index).
pub struct DesaData {
    code: RegionCode,
    /// The touched families read, with their points.
    families: Vec<(FamilyId, FamilyPoint)>,
    /// Touched families that are gone from this desa (deleted or moved away).
    gone: Vec<FamilyId>,
    proposals: Vec<ProposalPoint>,
    visits: Vec<jiff::Timestamp>,
}

/// The index over a kabupaten.
#[derive(Debug, Clone)]
pub struct SpreadIndex {
    /// The kabupaten.
    pub kabupaten: RegionCode,
    /// Its kecamatan, by code.
    pub kecamatan: Vec<Kecamatan>,
    /// Its desa, by code.
    pub desa: Vec<DesaBucket>,
    desa_at: HashMap<RegionCode, usize>,
    family_at: HashMap<FamilyId, (usize, usize)>,
    /// The scoring scheme whose deciles the points hold.
    pub scheme_version: u32,
    /// When the index was last brought up to date.
    pub as_of: jiff::Timestamp,
}

impl SpreadIndex {
    /// An index of the kabupaten's regions with no families yet.
    pub fn empty(
        store: &dyn Store,
        kabupaten: &RegionCode,
        loci: &HashSet<RegionCode>,
        scheme_version: u32,
        now: jiff::Timestamp,
    ) -> StoreResult<SpreadIndex> {
        let mut index = SpreadIndex {
            kabupaten: kabupaten.clone(),
            kecamatan: Vec::new(),
            desa: Vec::new(),
            desa_at: HashMap::new(),
            family_at: HashMap::new(),
            scheme_version,
            as_of: now,
        };
        let mut kecamatan = store.region_children(kabupaten)?;
        kecamatan.sort_by(|a, b| a.code.cmp(&b.code));
        for (k, kec) in kecamatan.into_iter().enumerate() {
            let mut desa = store.region_children(&kec.code)?;
            desa.sort_by(|a, b| a.code.cmp(&b.code));
            for d in desa {
                index.desa_at.insert(d.code.clone(), index.desa.len());
                index.desa.push(DesaBucket {
                    loci: loci.contains(&d.code),
                    code: d.code,
                    name: d.name,
                    kecamatan: k,
                    ids: Vec::new(),
                    points: Vec::new(),
                    proposals: Vec::new(),
                    visits: Vec::new(),
                    extent: None,
                    extreme: 0,
                });
            }
            index.kecamatan.push(Kecamatan {
                code: kec.code,
                name: kec.name,
            });
        }
        Ok(index)
    }

    /// Builds the whole index from the store: the scheme's scores and every family each read
    /// in one pass over its table (sequential, not one lookup per family), the proposals and
    /// visits of the kabupaten once.
    pub fn build(
        store: &dyn Store,
        kabupaten: &RegionCode,
        loci: &HashSet<RegionCode>,
        now: jiff::Timestamp,
    ) -> StoreResult<SpreadIndex> {
        let scheme = crate::policy::scoring(store)?.version;
        let mut index = SpreadIndex::empty(store, kabupaten, loci, scheme, now)?;
        let proposals = store.proposals_in(kabupaten)?;
        let by_family = proposals_by_family(&proposals);
        let visits = store.visits_in(kabupaten)?;
        let visited: HashSet<FamilyId> = visits.iter().map(|v| v.visit.family).collect();
        // The two passes take a core each: the scores into a map, the families into points.
        let (scores, families) = std::thread::scope(|scope| {
            let scores = scope.spawn(|| {
                let mut scores: HashMap<FamilyId, (Option<u8>, Option<bool>)> = HashMap::new();
                store
                    .scan_scores(scheme, &mut |family, score| {
                        scores.insert(family, (score.local_decile, score.result.extreme_poor));
                    })
                    .map(|()| scores)
            });
            let mut families = Vec::new();
            let scanned = store.scan_families(&mut |family| {
                if let Some(d) = index.desa_at.get(&family.desa).copied() {
                    let proposals = by_family.get(&family.id).map(Vec::as_slice).unwrap_or(&[]);
                    let point = point_of(&family, proposals, visited.contains(&family.id));
                    families.push((d, family.id, point));
                }
            });
            let scores = scores.join().expect("score scan");
            (scores, scanned.map(|()| families))
        });
        let scores = scores?;
        for (d, id, point) in families? {
            let (decile, extreme) = scores.get(&id).copied().unwrap_or_default();
            index.push(d, id, with_score(point, decile, extreme));
        }
        for p in &proposals {
            if let Some(d) = index.desa_at.get(&p.desa).copied() {
                index.desa[d].proposals.push(proposal_point(p));
            }
        }
        for v in &visits {
            if let Some(d) = index.desa_at.get(&v.desa).copied() {
                index.desa[d].visits.push(v.at);
            }
        }
        for bucket in &mut index.desa {
            bucket.recount();
        }
        Ok(index)
    }

    /// Reads what the touched families changed: their desa (now and before) are read again,
    /// the families themselves one by one. Done without holding the index.
    pub fn read_touched(
        &self,
        store: &dyn Store,
        touched: &[FamilyId],
    ) -> StoreResult<Vec<DesaData>> {
        let mut by_desa: HashMap<RegionCode, (Vec<Family>, Vec<FamilyId>)> = HashMap::new();
        for id in touched {
            let family = store.family(*id)?;
            if let Some((desa, _)) = self.family_at.get(id) {
                let old = &self.desa[*desa].code;
                if family.as_ref().is_none_or(|f| &f.desa != old) {
                    by_desa.entry(old.clone()).or_default().1.push(*id);
                }
            }
            if let Some(family) = family {
                by_desa
                    .entry(family.desa.clone())
                    .or_default()
                    .0
                    .push(family);
            }
        }
        let mut out = Vec::with_capacity(by_desa.len());
        for (code, (families, gone)) in by_desa {
            if !self.desa_at.contains_key(&code) {
                continue; // outside the kabupaten
            }
            out.push(DesaData::read_some(
                store,
                &code,
                families,
                gone,
                self.scheme_version,
            )?);
        }
        Ok(out)
    }

    /// Takes in what a read found.
    pub fn apply(&mut self, data: DesaData) {
        let Some(&d) = self.desa_at.get(&data.code) else {
            return;
        };
        for id in data.gone {
            // Only from this desa: a family that moved may already sit in its new one.
            if self.family_at.get(&id).is_some_and(|(at, _)| *at == d) {
                self.remove(id);
            }
        }
        for (id, point) in data.families {
            match self.family_at.get(&id).copied() {
                Some((at_desa, at)) if at_desa == d => self.desa[d].points[at] = point,
                Some(_) => {
                    self.remove(id);
                    self.push(d, id, point);
                }
                None => self.push(d, id, point),
            }
        }
        let bucket = &mut self.desa[d];
        bucket.proposals = data.proposals;
        bucket.visits = data.visits;
        bucket.recount();
    }

    fn push(&mut self, d: usize, id: FamilyId, point: FamilyPoint) {
        let bucket = &mut self.desa[d];
        self.family_at.insert(id, (d, bucket.ids.len()));
        bucket.ids.push(id);
        bucket.points.push(point);
    }

    fn remove(&mut self, id: FamilyId) {
        let Some((d, at)) = self.family_at.remove(&id) else {
            return;
        };
        let bucket = &mut self.desa[d];
        bucket.ids.swap_remove(at);
        bucket.points.swap_remove(at);
        if let Some(moved) = bucket.ids.get(at) {
            self.family_at.insert(*moved, (d, at));
        }
        bucket.recount();
    }

    /// Whether the loci marked are exactly these.
    pub fn loci_are(&self, loci: &HashSet<RegionCode>) -> bool {
        self.desa.iter().all(|b| b.loci == loci.contains(&b.code))
    }

    /// Marks the loci desa (a new list was imported).
    pub fn set_loci(&mut self, loci: &HashSet<RegionCode>) {
        for bucket in &mut self.desa {
            bucket.loci = loci.contains(&bucket.code);
        }
    }

    /// The bucket of a desa.
    pub fn desa_index(&self, code: &RegionCode) -> Option<usize> {
        self.desa_at.get(code).copied()
    }

    /// Families in the index.
    pub fn families(&self) -> usize {
        self.family_at.len()
    }

    /// Where a family is: its desa and point.
    pub fn family(&self, id: FamilyId) -> Option<(&DesaBucket, &FamilyPoint)> {
        let (d, at) = *self.family_at.get(&id)?;
        let bucket = &self.desa[d];
        Some((bucket, &bucket.points[at]))
    }
}

impl DesaData {
    fn read_some(
        store: &dyn Store,
        desa: &RegionCode,
        families: Vec<Family>,
        gone: Vec<FamilyId>,
        scheme: u32,
    ) -> StoreResult<DesaData> {
        let records = store.proposals_in(desa)?;
        let visits = store.visits_in(desa)?;
        let visited: HashSet<FamilyId> = visits.iter().map(|v| v.visit.family).collect();
        let by_family = proposals_by_family(&records);
        let mut points = Vec::with_capacity(families.len());
        for family in &families {
            let score = store
                .scores_of(family.id)?
                .into_iter()
                .find(|r| r.result.scheme_version == scheme);
            let point = with_score(
                point_of(
                    family,
                    by_family.get(&family.id).map(Vec::as_slice).unwrap_or(&[]),
                    visited.contains(&family.id),
                ),
                score.as_ref().and_then(|s| s.local_decile),
                score.as_ref().and_then(|s| s.result.extreme_poor),
            );
            points.push((family.id, point));
        }
        Ok(DesaData {
            code: desa.clone(),
            families: points,
            gone,
            proposals: records.iter().map(proposal_point).collect(),
            visits: visits.iter().map(|v| v.at).collect(),
        })
    }
}

fn proposal_point(p: &ProposalRecord) -> ProposalPoint {
    ProposalPoint {
        family: p.family,
        kind: p.kind,
        state: p.state,
        created: p.created_at,
        reached: crate::queue::reached_at(p),
    }
}

fn proposals_by_family(records: &[ProposalRecord]) -> HashMap<FamilyId, Vec<&ProposalRecord>> {
    let mut out: HashMap<FamilyId, Vec<&ProposalRecord>> = HashMap::new();
    for p in records {
        out.entry(p.family).or_default().push(p);
    }
    out
}

/// One family's point from its record, proposals and whether it was visited; its score comes
/// in [`with_score`].
pub fn point_of(family: &Family, proposals: &[&ProposalRecord], visited: bool) -> FamilyPoint {
    let mut point = FamilyPoint {
        members: family.active_members().count().min(255) as u8,
        ..FamilyPoint::default()
    };
    if let Some(pin) = &family.location {
        let (x, y) = mercator::project(pin.lat, pin.lon);
        point.x = x;
        point.y = y;
        point.flags |= flag::PINNED;
    }
    if family.photos.front.is_some() || family.photos.inside.is_some() {
        point.flags |= flag::PHOTO;
    }
    if visited {
        point.flags |= flag::VISITED;
    }
    let mut receives =
        Receives::from_programmes(family.instrument.programmes.as_deref().unwrap_or_default());
    for p in proposals.iter().filter(|p| p.state == ProposalState::Final) {
        match p.kind {
            ProposalKind::BansosPkh => receives.add(Programme::Pkh),
            ProposalKind::BansosBpnt => receives.add(Programme::Bpnt),
            ProposalKind::PbiJk => receives.add(Programme::PbiJk),
            _ => {}
        }
    }
    for (on, bit) in [
        (receives.pkh, flag::PKH),
        (receives.bpnt, flag::BPNT),
        (receives.pbi_jk, flag::PBI_JK),
        (receives.other, flag::OTHER),
    ] {
        if on {
            point.flags |= bit;
        }
    }
    point.status = StatusCategory::most_urgent(proposals.iter().map(|p| p.state.category()))
        .map(status_class)
        .unwrap_or(0);
    point
}

/// The point with the family's local decile and extreme poverty, and the targeting errors they
/// make with what it receives.
pub fn with_score(
    mut point: FamilyPoint,
    decile: Option<u8>,
    extreme: Option<bool>,
) -> FamilyPoint {
    let receives = Receives {
        pkh: point.has(flag::PKH),
        bpnt: point.has(flag::BPNT),
        pbi_jk: point.has(flag::PBI_JK),
        other: point.has(flag::OTHER),
    };
    point.flags &= !(flag::EXTREME | flag::EXTREME_KNOWN | flag::INCLUSION | flag::EXCLUSION);
    point.decile = decile.unwrap_or(0);
    if let Some(extreme) = extreme {
        point.flags |= flag::EXTREME_KNOWN;
        if extreme {
            point.flags |= flag::EXTREME;
        }
    }
    if likely_inclusion_error(receives, decile) {
        point.flags |= flag::INCLUSION;
    }
    if likely_exclusion_error(receives, decile, extreme) {
        point.flags |= flag::EXCLUSION;
    }
    point
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    fn sorted_points(index: &SpreadIndex) -> Vec<(FamilyId, String, FamilyPoint)> {
        let mut all: Vec<_> = index
            .desa
            .iter()
            .flat_map(|b| {
                b.ids
                    .iter()
                    .zip(&b.points)
                    .map(|(id, p)| (*id, b.code.to_string(), *p))
            })
            .collect();
        all.sort_by_key(|(id, _, _)| *id);
        all
    }

    #[test]
    fn the_whole_build_and_the_family_by_family_update_agree() {
        let store = MemoryStore::new();
        let kabupaten = RegionCode::parse("35.26").unwrap();
        let now: jiff::Timestamp = "2026-11-23T02:00:00Z".parse().unwrap();
        crate::bootstrap::prepare(&store, &kabupaten, true, now).unwrap();
        let loci = crate::spread::loci(&store).unwrap();
        let built = SpreadIndex::build(&store, &kabupaten, &loci, now).unwrap();
        assert_eq!(built.families(), 500);
        assert!(built.desa.iter().any(|b| b.extreme > 0));

        let scheme = crate::policy::scoring(&store).unwrap().version;
        let mut updated = SpreadIndex::empty(&store, &kabupaten, &loci, scheme, now).unwrap();
        let ids: Vec<FamilyId> = sorted_points(&built).iter().map(|(id, _, _)| *id).collect();
        for data in updated.read_touched(&store, &ids).unwrap() {
            updated.apply(data);
        }
        assert_eq!(sorted_points(&updated), sorted_points(&built));
        for (a, b) in built.desa.iter().zip(&updated.desa) {
            assert_eq!((a.extent, a.extreme), (b.extent, b.extreme), "{}", a.code);
        }

        // A family that moves desa leaves the old bucket and joins the new one.
        let mut family = store.family(ids[0]).unwrap().unwrap();
        let from = family.desa.clone();
        let to = built
            .desa
            .iter()
            .find(|b| b.code != from && !b.ids.is_empty())
            .unwrap()
            .code
            .clone();
        family.desa = to.clone();
        store.put_families(&[family]).unwrap();
        for data in updated
            .read_touched(&store, &store.touched().take())
            .unwrap()
        {
            updated.apply(data);
        }
        let (bucket, _) = updated.family(ids[0]).unwrap();
        assert_eq!(bucket.code, to);
        assert_eq!(updated.families(), 500);
        let old = &updated.desa[updated.desa_index(&from).unwrap()];
        assert!(!old.ids.contains(&ids[0]));
    }
}
