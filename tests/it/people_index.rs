//! The people index lists people by family name and shows them that way,
//! particles kept with the family name but not deciding the order, with
//! each role also under the name for phones.

use crate::common::SiteTest;

const TEXT: &str = "Harbour board meets\n\nBy Imaginary Clerk\n\nMarch 3, 2021\n\n\
    Treasurer Orla de Zeeuw said the ferry ledger was complete.\n\n\
    Harbour master Bram al-Abbasi agreed with her, and councillor Cato Merriweather said the pier would wait.\n";

#[test]
fn the_index_shows_and_sorts_family_names_first() {
    let built = SiteTest::new().source("board", TEXT).build();
    let index = built.read("people/index.html");
    let at = |name: &str| {
        index
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing: {index}"))
    };
    let (abbasi, merriweather, zeeuw) = (
        at(">al-Abbasi, Bram</a>"),
        at(">Merriweather, Cato</a>"),
        at(">de Zeeuw, Orla</a>"),
    );
    assert!(abbasi < merriweather && merriweather < zeeuw, "{index}");
    assert!(index.contains("<span class=\"role-inline\">"), "{index}");
}
