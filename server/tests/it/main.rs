//! Integration tests of the server over real HTTP: each test gets its own redb file and port.

mod audit;
mod auth;
mod bad_input;
mod cases;
mod cli;
mod crash;
mod families;
mod helpers;
mod import;
mod labels;
mod musdes;
mod national;
mod photos;
mod proposals;
mod public;
mod pull_size;
mod queue;
mod route_walk;
mod scoring;
mod spread;
mod spread_exports;
mod sync;
mod wire;
