//! The domain of Tepat: the rules of the social-welfare register, shared by the tablet app and
//! the server. Pure by design: this crate does no IO and pulls in no runtime, so every rule runs
//! the same way in the browser (before sync) and on the server (where it is enforced).

pub mod cases;
pub mod checks;
pub mod codes;
pub mod events;
pub mod family;
pub mod geo;
pub mod identity;
pub mod import;
pub mod instrument;
pub mod meeting;
pub mod musdes;
pub mod national;
pub mod quota;
pub mod region;
pub mod role;
pub mod scoring;
pub mod targeting;
pub mod text;
pub mod visit;
pub mod windows;
pub mod workflow;

pub use family::{
    Family, FamilyId, HouseLocation, LifeEvent, LifeEventRecord, LocationSource, Member, MemberId,
    MemberStatus, Relation, Sex,
};
pub use identity::{IdentityError, Kk, Nik, NikBirth, mask_digits};
pub use region::{RegionCode, RegionCodeError, RegionLevel};
pub use role::Role;
