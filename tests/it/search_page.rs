//! The search page has one search box: the header's box, which every other
//! page carries, is left off the page that has its own.

use crate::common::{SiteTest, FERRY_SOURCE};

#[test]
fn the_search_page_has_one_search_box_and_other_pages_keep_the_header_box() {
    let built = SiteTest::new()
        .source("2021-03-01-ferry", FERRY_SOURCE)
        .build();
    let search = built.read("search/index.html");
    assert_eq!(search.matches("role=\"search\"").count(), 1, "{search}");
    assert!(search.contains("id=\"search-q\""), "{search}");
    let home = built.read("index.html");
    assert_eq!(home.matches("role=\"search\"").count(), 1, "{home}");
    assert!(home.contains("id=\"site-q\""), "{home}");
}
