//! Photo credits in capitals, as print captions set them, and in lower case,
//! as some saved pages have them: the photographer gets a page under a name
//! with capitals where a name has them, and the agency gets none.

use crate::common;

#[test]
fn a_credit_in_capitals_or_lower_case_names_the_photographer_with_capitals() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(root.join("site.toml"), "title = \"Credits\"\n").unwrap();
    std::fs::write(
        root.join("content/sources/ledger.txt"),
        "Harbour ledger signed\n\nBy Imaginary Clerk\n\nMarch 3, 2021\n\n\
         The ferry ledger for the north pier was signed on 14 February 2021 by the port office.\n\n\
         Dock workers unload crates at the north pier. Photo: JOHN MOORE/GETTY IMAGES\n\n\
         The harbour master inspects the ledger. Photo: thaier al-sudani/Reuters\n\n\
         Nothing else changed that week, said Orla Quennell.\n",
    )
    .unwrap();
    let output = common::build_public(root);
    let heading = |id: &str| -> String {
        let page = std::fs::read_to_string(output.join(format!("people/{id}/index.html")))
            .unwrap_or_else(|_| panic!("{id} has a page"));
        let start = page.find("<h1>").unwrap() + 4;
        page[start..start + page[start..].find("</h1>").unwrap()].to_string()
    };
    assert_eq!(heading("john-moore"), "John Moore");
    assert_eq!(heading("thaier-al-sudani"), "Thaier al-Sudani");
    let people: Vec<String> = std::fs::read_dir(output.join("people"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !people
            .iter()
            .any(|p| p.contains("getty") || p.contains("reuters")),
        "{people:?}"
    );
    // The source's page keeps the credit as it was written.
    let source = std::fs::read_to_string(output.join("sources/ledger/index.html")).unwrap();
    assert!(
        source.contains("JOHN MOORE"),
        "the credit is shown as written"
    );
}
