//! The built `evl-data` binary, run as a user or CI would: exit statuses,
//! what goes to standard output and error, files written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_evl-data");

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sample() -> PathBuf {
    repo().join("public/data/outlets.geojson")
}

/// Runs the binary with `args`, feeding `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A directory of its own under the target dir for files a test writes.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

mod validate {
    use super::*;

    #[test]
    fn the_sample_passes_with_its_one_warning() {
        let file = sample();
        let o = run(&["validate", file.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let text = out(&o);
        assert!(
            text.contains(
                r#":274:97: warning[partner_without_group]: outlet 264 (id "ptn-xuzhou-01")"#
            ),
            "{text}"
        );
        assert!(text.ends_with("292 outlets read, 0 features left out; 0 errors, 1 warning\n"));
    }

    #[test]
    fn every_malformed_dataset_fails_with_its_errors() {
        let dir = repo().join("tests/datasets/malformed");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "geojson") {
                continue;
            }
            n += 1;
            let o = run(&["validate", path.to_str().unwrap()], b"");
            assert_eq!(o.status.code(), Some(1), "{}", path.display());
            let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap();
            let text = out(&o);
            for line in expected.lines() {
                let want = format!("{}:{line}\n", path.display());
                assert!(
                    text.contains(&want),
                    "{}: missing {want} in\n{text}",
                    path.display()
                );
            }
        }
        assert!(n >= 25);
    }

    #[test]
    fn warnings_alone_pass() {
        let dir = repo().join("tests/datasets/warnings");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "geojson") {
                let o = run(&["validate", path.to_str().unwrap()], b"");
                assert_eq!(o.status.code(), Some(0), "{}", path.display());
                assert!(out(&o).contains(": warning["), "{}", out(&o));
            }
        }
    }

    #[test]
    fn a_packed_file_validates_and_a_cut_one_does_not() {
        let dir = scratch("validate-pack");
        let packed = dir.join("outlets.evlpack");
        let o = run(
            &[
                "pack",
                sample().to_str().unwrap(),
                "--output",
                packed.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let o = run(&["validate", packed.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
        let bytes = std::fs::read(&packed).unwrap();
        let cut = dir.join("cut.evlpack");
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        let o = run(&["validate", cut.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(1));
        assert!(out(&o).contains("error["), "{}", out(&o));
    }

    #[test]
    fn json_for_ci() {
        let file = repo().join("tests/datasets/malformed/28-duplicate-id.geojson");
        let o = run(
            &["validate", "--format", "json", file.to_str().unwrap()],
            b"",
        );
        assert_eq!(o.status.code(), Some(1));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["ok"], false);
        assert_eq!(v["usable"], true);
        assert_eq!(v["outlets"], 2);
        assert_eq!(v["features_left_out"], 1);
        assert_eq!(v["errors"], 1);
        let d = &v["diagnostics"][0];
        assert_eq!(d["severity"], "error");
        assert_eq!(d["code"], "duplicate_id");
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(10), Some(108))
        );
        assert_eq!(d["feature"], 3);
        assert_eq!(d["id"], "evh-shanghai-01");
        assert_eq!(d["field"], "properties.id");
        assert_eq!(
            d["message"],
            "id \"evh-shanghai-01\" is already used by outlet 1"
        );
    }

    #[test]
    fn a_file_that_cannot_be_used_says_so() {
        let o = run(&["validate", "-"], b"<html>502</html>");
        assert_eq!(o.status.code(), Some(1));
        assert!(out(&o).contains("-:1:1: error[html_page]"), "{}", out(&o));
        assert!(out(&o).contains("-: cannot be used (1 error, 0 warnings)"));
        let o = run(&["validate", "--format=json", "-"], b"");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["usable"], false);
        assert_eq!(v["diagnostics"][0]["code"], "empty_file");
    }

    #[test]
    fn outside_china_only_with_region_anywhere() {
        let file = repo().join("tests/datasets/malformed/22-outside-china.geojson");
        let file = file.to_str().unwrap();
        assert_eq!(run(&["validate", file], b"").status.code(), Some(1));
        let o = run(&["validate", file, "--region", "anywhere"], b"");
        assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    }
}

mod usage {
    use super::*;

    #[test]
    fn wrong_command_lines_exit_2() {
        for args in [
            vec![],
            vec!["frobnicate"],
            vec!["validate"],
            vec!["validate", "a", "b"],
            vec!["validate", "x.geojson", "--format", "xml"],
            vec!["validate", "x.geojson", "--strict"],
            vec!["import", "x.csv"],
            vec!["import", "x.csv", "--brand-en", "Q", "--datum", "wgs-84"],
            vec!["generate", "--count", "many"],
            vec!["stats"],
        ] {
            let o = run(&args, b"");
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            assert!(err(&o).starts_with("evl-data: "), "{args:?}: {}", err(&o));
            assert!(out(&o).is_empty());
        }
    }

    #[test]
    fn unreadable_files_exit_2() {
        for command in ["validate", "stats"] {
            let o = run(&[command, "/no/such/file.geojson"], b"");
            assert_eq!(o.status.code(), Some(2));
            assert!(
                err(&o).contains("cannot read /no/such/file.geojson"),
                "{}",
                err(&o)
            );
        }
        let o = run(&["import", "/no/such/file.csv", "--brand-en", "Q"], b"");
        assert_eq!(o.status.code(), Some(2));
        let o = run(
            &["generate", "--count", "1", "-o", "/no/such/dir/out.geojson"],
            b"",
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(err(&o).contains("cannot write"), "{}", err(&o));
    }

    #[test]
    fn help_and_version() {
        let o = run(&["help"], b"");
        assert_eq!(o.status.code(), Some(0));
        assert!(out(&o).contains("evl-data validate FILE"));
        let o = run(&["help", "import"], b"");
        assert!(out(&o).contains("--datum D"));
        let o = run(&["--version"], b"");
        assert!(out(&o).starts_with("evl-data 0."));
    }
}

mod generate {
    use super::*;

    #[test]
    fn same_seed_same_file_and_it_validates() {
        let a = run(&["generate", "--count", "500", "--seed", "42"], b"");
        assert_eq!(a.status.code(), Some(0));
        let b = run(&["generate", "--seed=42", "--count=500"], b"");
        assert_eq!(a.stdout, b.stdout);
        let c = run(&["generate", "--count", "500", "--seed", "43"], b"");
        assert_ne!(a.stdout, c.stdout);
        let o = run(&["validate", "-", "--format", "json"], &a.stdout);
        assert_eq!(o.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            (v["outlets"].as_u64(), v["warnings"].as_u64()),
            (Some(500), Some(0))
        );
    }

    #[test]
    fn to_a_file() {
        let path = scratch("generate").join("g.geojson");
        let o = run(
            &["generate", "--count", "7", "-o", path.to_str().unwrap()],
            b"",
        );
        assert_eq!(o.status.code(), Some(0));
        assert!(out(&o).is_empty());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            locator_core::Dataset::parse(&text).unwrap().outlets.len(),
            7
        );
    }
}

mod stats {
    use super::*;

    #[test]
    fn counts_of_the_sample() {
        let file = sample();
        let o = run(&["stats", file.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(0));
        let text = out(&o);
        for line in [
            "292 outlets (0 features left out, 1 warning; see evl-data validate)",
            "      117  ev_home",
            "      175  partner",
            "       15  coming_soon",
            "        1  relocated",
            "by city (60 cities)",
            "       15  上海 Shanghai",
        ] {
            assert!(text.contains(line), "{line:?} not in\n{text}");
        }
        let o = run(&["stats", "--format", "json", file.to_str().unwrap()], b"");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["by_kind"]["ev_home"], 117);
        assert_eq!(v["by_status"]["open"], 276);
        assert_eq!(v["by_service"]["after_sales"], 175);
        assert_eq!(v["by_city"].as_array().unwrap().len(), 60);
    }

    #[test]
    fn counts_what_is_kept_and_names_what_is_not() {
        let file = repo().join("tests/datasets/malformed/28-duplicate-id.geojson");
        let o = run(&["stats", file.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(0));
        assert!(
            out(&o).contains("2 outlets (1 feature left out, 0 warnings"),
            "{}",
            out(&o)
        );
        let o = run(&["stats", "-"], b"{\"type\": \"FeatureCollection\"}");
        assert_eq!(o.status.code(), Some(1));
        assert!(err(&o).contains("missing_schema_version"), "{}", err(&o));
    }
}

mod import {
    use super::*;

    const HEADER: &str = "id,kind,status,relocated_to,name_zh,name_en,address_zh,city_zh,city_en,province_zh,lat,lng,phone,services,partner_group_zh,mon,tue,sat,sun,mobile_services,mobile_radius_km";

    fn csv(rows: &[&str]) -> String {
        let mut text = format!("{HEADER}\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        text
    }

    const GOOD: [&str; 3] = [
        "evh-sh-01,ev_home,,,上海静安店,EV Home Jing'an,南京西路1号,上海,Shanghai,上海,31.2304,121.4737,+86 21 5511 2233,sales;test_drive,,10:00-22:00,10:00-22:00,10:00-22:00,closed,,",
        "ptn-sh-01,partner,,,上海远航,\"Partner, Yuanhang\",汽车城大道8号,上海,Shanghai,上海,31.30,121.30,,\"sales,after_sales\",远航汽车集团,08:30-12:00 13:00-18:30,,,,after_sales,30",
        "evh-sh-02,ev_home,relocated,evh-sh-01,旧店,,人民路2号,上海,,上海,31.22,121.45,,sales,,,,,,,",
    ];

    fn import(text: &[u8], extra: &[&str]) -> (Output, Option<serde_json::Value>) {
        let mut args = vec![
            "import",
            "-",
            "--brand-zh",
            "青云汽车",
            "--updated",
            "2026-11-20",
        ];
        args.extend_from_slice(extra);
        let o = run(&args, text);
        let data = serde_json::from_slice(&o.stdout).ok();
        (o, data)
    }

    #[test]
    fn good_rows_become_a_valid_dataset() {
        let (o, data) = import(csv(&GOOD).as_bytes(), &[]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert!(
            err(&o).ends_with("-: imported 3 of 3 rows (0 left out, 0 warnings)\n"),
            "{}",
            err(&o)
        );
        let data = data.unwrap();
        assert_eq!(data["updated"], "2026-11-20");
        assert_eq!(data["brand"]["zh"], "青云汽车");
        let f = &data["features"];
        assert_eq!(
            f[0]["geometry"]["coordinates"],
            serde_json::json!([121.4737, 31.2304])
        );
        assert_eq!(f[0]["properties"]["hours"]["sun"], serde_json::json!([]));
        assert_eq!(f[1]["properties"]["name"]["en"], "Partner, Yuanhang");
        assert_eq!(
            f[1]["properties"]["hours"]["mon"],
            serde_json::json!(["08:30-12:00", "13:00-18:30"])
        );
        assert_eq!(f[1]["properties"]["mobile_service"]["radius_km"], 30.0);
        assert_eq!(f[2]["properties"]["relocated_to"], "evh-sh-01");
        let o = run(&["validate", "-"], &o.stdout);
        assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    }

    #[test]
    fn bad_rows_are_named_by_row_and_left_out() {
        let rows = [
            GOOD[0],
            "bad-kind,dealer,,,x,,y,上海,,上海,31.2,121.4,,sales,,,,,,,",
            "bad-swap,ev_home,,,x,,y,上海,,上海,121.4,31.2,,sales,,,,,,,",
            "bad-number,ev_home,,,x,,y,上海,,上海,31°12',121.4,,sales,,,,,,,",
            "evh-sh-01,ev_home,,,x,,y,上海,,上海,31.2,121.4,,sales,,,,,,,",
            "bad-move,ev_home,relocated,bad-kind,x,,y,上海,,上海,31.2,121.4,,sales,,,,,,,",
            "short,ev_home,,,x",
            "bad-hours,ev_home,,,x,,y,上海,,上海,31.2,121.4,,sales wash,,9-18,,,,,",
        ];
        let (o, data) = import(csv(&rows).as_bytes(), &[]);
        assert_eq!(o.status.code(), Some(1));
        let report = err(&o);
        for line in [
            r#"-: row 3 (id "bad-kind"), column kind: error[invalid_value]: unknown variant `dealer`"#,
            r#"-: row 4 (id "bad-swap"), column lat/lng: error[swapped_coordinates]: latitude 121.4 and longitude 31.2"#,
            r#"-: row 5 (id "bad-number"), column lat: error[not_a_number]: "31°12'" is not a number"#,
            r#"-: row 6 (id "evh-sh-01"), column id: error[duplicate_id]: id "evh-sh-01" is already used by row 2"#,
            r#"-: row 7 (id "bad-move"), column relocated_to: error[relocation_target_left_out]: relocated_to names "bad-kind" (row 3), which is left out for its own errors"#,
            r#"-: row 8 (id "short"): error[bad_cell_count]: the row has 5 cells, the header 21"#,
            r#"-: row 9 (id "bad-hours"), column services: error[unknown_service]: "wash" is not a service"#,
            r#"-: row 9 (id "bad-hours"), column mon: error[unreadable_hours]"#,
            "-: imported 1 of 8 rows (7 left out, 0 warnings)",
        ] {
            assert!(report.contains(line), "{line}\nnot in\n{report}");
        }
        let data = data.unwrap();
        let ids: Vec<&str> = data["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["properties"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["evh-sh-01"]);
    }

    #[test]
    fn warnings_keep_the_row() {
        let rows = [
            "ptn-1,partner,,,x,,y,上海,,上海,31.2,121.4,,sales,,,,,,,",
            "far-1,ev_home,,,x,,y,杭州,,浙江,39.9,116.4,,sales,,,,,,,",
        ];
        let (o, data) = import(csv(&rows).as_bytes(), &["--format", "json"]);
        assert_eq!(o.status.code(), Some(0));
        let report: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
        assert_eq!(report["ok"], true);
        assert_eq!(report["imported"], 2);
        let codes: Vec<&str> = report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["partner_without_group", "far_from_city"]);
        assert_eq!(report["problems"][1]["row"], 3);
        assert_eq!(data.unwrap()["features"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn tabs_and_a_byte_order_mark() {
        let text = format!("\u{feff}{}", csv(&GOOD[..1])).replace(',', "\t");
        let (o, data) = import(text.as_bytes(), &[]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert_eq!(
            data.unwrap()["features"][0]["properties"]["id"],
            "evh-sh-01"
        );
    }

    #[test]
    fn a_gbk_file_is_read_converted_and_said() {
        // As Excel's plain "CSV" saves it on a Chinese Windows.
        let text = csv(&GOOD[..1]);
        let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
        assert!(!lossy && std::str::from_utf8(&gbk).is_err());
        let (o, data) = import(&gbk, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert!(
            err(&o).contains(
                "-: read as GB18030 (not UTF-8) and converted; check that the names look right"
            ),
            "{}",
            err(&o)
        );
        let data = data.unwrap();
        let utf8 = import(text.as_bytes(), &[]).1.unwrap();
        assert_eq!(
            data["features"], utf8["features"],
            "the same outlets as from the UTF-8 file"
        );
        let (o, _) = import(&gbk, &["--format", "json"]);
        let report: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
        assert_eq!(report["encoding"], "gb18030");
        let (o, _) = import(text.as_bytes(), &["--format", "json"]);
        let report: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
        assert_eq!(report["encoding"], "utf-8");
        assert!(!err(&import(text.as_bytes(), &[]).0).contains("read as"));
    }

    #[test]
    fn datums_are_converted_to_wgs84() {
        use locator_core::{convert, Datum, LatLng};
        let wgs = LatLng::new(31.2304, 121.4737).unwrap();
        for datum in [Datum::Gcj02, Datum::Bd09] {
            let p = convert(wgs, Datum::Wgs84, datum);
            let row = format!(
                "evh-sh-01,ev_home,,,x,,y,上海,,上海,{},{},,sales,,,,,,,",
                p.lat, p.lng
            );
            let (o, data) = import(csv(&[&row]).as_bytes(), &["--datum", datum.id()]);
            assert_eq!(o.status.code(), Some(0), "{}", err(&o));
            let c = &data.unwrap()["features"][0]["geometry"]["coordinates"];
            let back = LatLng::new(c[1].as_f64().unwrap(), c[0].as_f64().unwrap()).unwrap();
            assert!(back.distance_m(wgs) < 0.2, "{datum:?}: {back:?}");
        }
    }

    #[test]
    fn header_problems_stop_the_import() {
        for (text, message) in [
            ("", "the file is empty"),
            (
                "id,kind,lat,lng,services,name_zh,address_zh,city_zh,province_zh,colour\n",
                "unknown column \"colour\"",
            ),
            (
                "id,kind,lat,lng,services,name_zh,address_zh,city_zh\n",
                "the header has no province_zh or province_en column",
            ),
            ("id,id,kind\n", "column \"id\" appears twice"),
        ] {
            let (o, _) = import(text.as_bytes(), &[]);
            assert_eq!(o.status.code(), Some(1), "{text}");
            assert!(err(&o).contains(message), "{}", err(&o));
        }
        let (o, _) = import(b"id,kind\xff\n", &[]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            err(&o).contains("not UTF-8 text (line 1, column 8), nor GB18030 (GBK)"),
            "{}",
            err(&o)
        );
    }

    #[test]
    fn options_that_make_no_dataset_exit_2() {
        let (o, _) = import(csv(&GOOD).as_bytes(), &["--time-zone", "Mars/Olympus"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(err(&o).contains("Mars/Olympus"), "{}", err(&o));
    }

    /// The minimal file shown in docs/dataset.md imports as it is.
    #[test]
    fn the_documented_example() {
        let doc = std::fs::read_to_string(repo().join("docs/dataset.md")).unwrap();
        let start = doc
            .find("```csv\n")
            .expect("a csv block in docs/dataset.md")
            + 7;
        let end = start + doc[start..].find("```").unwrap();
        let (o, data) = import(&doc.as_bytes()[start..end], &[]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert_eq!(data.unwrap()["features"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn to_a_file() {
        let dir = scratch("import");
        let (csv_path, out_path) = (dir.join("in.csv"), dir.join("out.geojson"));
        std::fs::write(&csv_path, csv(&GOOD)).unwrap();
        let o = run(
            &[
                "import",
                csv_path.to_str().unwrap(),
                "--brand-en",
                "Qingyun Motors",
                "--sample",
                "--output",
                out_path.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert!(out(&o).is_empty());
        let data =
            locator_core::Dataset::parse(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
        assert_eq!(data.outlets.len(), 3);
        assert!(data.meta.sample);
    }
}

mod pack {
    use super::*;
    use locator_core::{is_pack, Dataset};

    #[test]
    fn the_sample_packs_and_reads_back_the_same() {
        let path = scratch("pack").join("sample.pack");
        let _ = std::fs::remove_file(&path);
        let file = sample();
        let o = run(
            &[
                "pack",
                file.to_str().unwrap(),
                "--output",
                path.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let text = out(&o);
        assert!(
            text.contains(r#":274:97: warning[partner_without_group]: outlet 264"#),
            "{text}"
        );
        let bytes = std::fs::read(&path).unwrap();
        let source = std::fs::read_to_string(&file).unwrap();
        let last = text.lines().last().unwrap();
        assert!(
            last.starts_with(&format!(
                "{}: 292 outlets packed, 0 features left out, 1 warning; ",
                file.display()
            )),
            "{last}"
        );
        let thousands = |n: usize| {
            let d = n.to_string();
            let mut s = String::new();
            for (i, c) in d.chars().enumerate() {
                if i > 0 && (d.len() - i).is_multiple_of(3) {
                    s.push(',');
                }
                s.push(c);
            }
            s
        };
        assert!(
            last.ends_with(&format!(
                "{} bytes in, {} bytes out ({})",
                thousands(source.len()),
                thousands(bytes.len()),
                path.display()
            )),
            "{last}"
        );
        assert!(is_pack(&bytes));
        let packed = Dataset::from_pack(&bytes).unwrap();
        let parsed = Dataset::parse(&source).unwrap();
        assert_eq!(packed.meta, parsed.meta);
        assert_eq!(packed.outlets, parsed.outlets);
    }

    #[test]
    fn features_left_out_are_named_and_the_rest_packed() {
        let path = scratch("pack").join("left-out.pack");
        let file = repo().join("tests/datasets/malformed/28-duplicate-id.geojson");
        let o = run(
            &["pack", file.to_str().unwrap(), "-o", path.to_str().unwrap()],
            b"",
        );
        assert_eq!(o.status.code(), Some(1));
        assert!(
            out(&o).contains(":10:108: error[duplicate_id]: outlet 3"),
            "{}",
            out(&o)
        );
        assert!(out(&o).contains("2 outlets packed, 1 feature left out"));
        let packed = Dataset::from_pack(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(packed.outlets.len(), 2);
    }

    #[test]
    fn a_file_that_cannot_be_used_writes_nothing() {
        let path = scratch("pack").join("unusable.pack");
        let _ = std::fs::remove_file(&path);
        for input in [
            &b"<html>502</html>"[..],
            b"",
            b"{\"type\": \"FeatureCollection\"}",
        ] {
            let o = run(&["pack", "-", "-o", path.to_str().unwrap()], input);
            assert_eq!(o.status.code(), Some(1));
            assert!(out(&o).contains("-: cannot be used"), "{}", out(&o));
            assert!(!path.exists());
        }
    }

    #[test]
    fn from_standard_input_and_outside_china() {
        let path = scratch("pack").join("anywhere.pack");
        let file = repo().join("tests/datasets/malformed/22-outside-china.geojson");
        let text = std::fs::read(&file).unwrap();
        let china = run(&["pack", "-", "-o", path.to_str().unwrap()], &text);
        assert_eq!(china.status.code(), Some(1));
        let o = run(
            &[
                "pack",
                "-",
                "-o",
                path.to_str().unwrap(),
                "--region",
                "anywhere",
            ],
            &text,
        );
        assert_eq!(o.status.code(), Some(0), "{}", out(&o));
        let packed = Dataset::from_pack(&std::fs::read(&path).unwrap()).unwrap();
        let parsed = Dataset::parse_with(
            std::str::from_utf8(&text).unwrap(),
            locator_core::ParseOptions {
                region: locator_core::Region::Anywhere,
            },
        )
        .unwrap();
        assert_eq!(packed.outlets, parsed.outlets);
    }

    #[test]
    fn wrong_command_lines_and_unwritable_output_exit_2() {
        let file = sample();
        let file = file.to_str().unwrap();
        for args in [
            vec!["pack", file],
            vec!["pack", "-o", "x.pack"],
            vec!["pack", file, "-o", "x.pack", "--format", "json"],
        ] {
            let o = run(&args, b"");
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            assert!(err(&o).starts_with("evl-data: "), "{}", err(&o));
        }
        let o = run(&["pack", file, "-o", "/no/such/dir/out.pack"], b"");
        assert_eq!(o.status.code(), Some(2));
        assert!(err(&o).contains("cannot write /no/such/dir/out.pack"));
        let o = run(&["pack", "/no/such/file.geojson", "-o", "x.pack"], b"");
        assert_eq!(o.status.code(), Some(2));
        assert!(err(&o).contains("cannot read /no/such/file.geojson"));
    }
}
