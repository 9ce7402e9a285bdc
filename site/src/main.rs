//! `evl-site DIR`: writes the static pages into a built `dist/` (see the
//! crate's documentation). Run by the release build's post-build step.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: evl-site DIR [--dataset FILE] [--config FILE] [--no-first-view] [--no-pack]

Writes the location directory (DIR/outlets/, DIR/en/outlets/), sitemap.xml,
robots.txt and the prerendered first view of DIR/index.html, from the
configuration (DIR/config.json) and the dataset it names (GeoJSON or packed);
and, unless --no-pack, the packed form of that GeoJSON for the app, named
in DIR/config.json (\"packed\").";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut options = evl_site::Options::default();
    let mut dir = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dataset" => options.dataset = args.next().map(PathBuf::from),
            "--config" => options.config = args.next().map(PathBuf::from),
            "--no-first-view" => options.first_view = false,
            "--no-pack" => options.pack = false,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if dir.is_none() && !a.starts_with('-') => dir = Some(PathBuf::from(a)),
            _ => {
                eprintln!("evl-site: unexpected argument {a:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    options.dir = dir;
    match evl_site::build(&options) {
        Ok(summary) => {
            for line in &summary.left_out {
                eprintln!("evl-site: left out: {line}");
            }
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("evl-site: {e}");
            ExitCode::FAILURE
        }
    }
}
