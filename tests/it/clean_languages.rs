//! Pages in German, French and Spanish: the source's language (its
//! sidecar tag, or read off the text) chooses the phrase cues (widget
//! words, byline openers, comment headings), dates are read in the
//! language's own words, and structure finds the article in any language.
//! Every outlet, name and sentence here is made up.

use backstory::clean::{clean, clean_in, Article, CleanOptions};

fn body(article: &Article) -> String {
    let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    texts.join("\n")
}

const GERMAN: &str = "Die Hafenbehörde hat am Dienstag beschlossen, den alten Fähranleger für zwei Jahre zu schließen, während Ingenieure das morsche Holzdeck erneuern.\n\
Pendler, die auf das frühe Boot angewiesen sind, sollen einen Shuttlebus bekommen, doch die Fahrt um die Bucht dauert fast vierzig Minuten länger als die Überfahrt.\n\
Die Ladenbesitzer am Anleger fürchten, dass ihnen während der Arbeiten die Kunden fehlen, und einige baten den Stadtrat, die Gebühren bis zur Rückkehr der Fähre zu senken.\n";

const FRENCH: &str = "L'autorité portuaire a décidé mardi de fermer le vieux quai du bac pendant deux ans, le temps que les ingénieurs refassent le ponton en bois.\n\
Les habitués du premier bateau pourront prendre une navette, mais le tour de la baie prend presque quarante minutes de plus que la traversée.\n\
Les commerçants du quai craignent de perdre leurs clients pendant les travaux, et plusieurs ont demandé au conseil de baisser leurs loyers jusqu'au retour du bac.\n";

const SPANISH: &str = "La autoridad portuaria decidió el martes cerrar el viejo muelle del transbordador durante dos años, mientras los ingenieros rehacen la cubierta de madera.\n\
Los viajeros del primer barco tendrán un autobús, aunque la vuelta a la bahía tarda casi cuarenta minutos más que la travesía.\n\
Los comerciantes del muelle temen perder clientes durante las obras, y varios pidieron al ayuntamiento que baje las tasas hasta que vuelva el transbordador.\n";

#[test]
fn a_german_page_by_its_own_cues() {
    let text = format!(
        "Startseite\nSuche\nMenü\n\nFähranleger schließt für zwei Jahre\nVon Lena Okafor\n25. September 2018\nTeilen\nDrucken\n\n{GERMAN}\nMehr\n3 Kommentare\nEin sehr langer Kommentar eines Lesers, der meint, dass der Anleger schon vor Jahren hätte erneuert werden müssen, und der sich über die Stadt und die Behörde und die Fähre und den Bus und das Wetter beschwert.\n"
    );
    let article = clean(&text, &CleanOptions::default());
    assert_eq!(article.authors, ["Lena Okafor"]);
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2018-09-25")
    );
    assert_eq!(
        article.title.as_deref(),
        Some("Fähranleger schließt für zwei Jahre")
    );
    let kept = body(&article);
    assert!(kept.contains("Die Ladenbesitzer am Anleger"), "{kept}");
    for clutter in ["Teilen", "Drucken", "Mehr", "Ein sehr langer Kommentar"] {
        assert!(!kept.contains(clutter), "kept {clutter:?}:\n{kept}");
    }
}

#[test]
fn a_french_page_by_its_own_cues() {
    let text = format!(
        "Accueil\nRecherche\n\nLe quai du bac fermé pour deux ans\nPar Lena Okafor\n1er mars 2019\nPartager\nImprimer\n\n{FRENCH}\nLire la suite\n"
    );
    let article = clean(&text, &CleanOptions::default());
    assert_eq!(article.authors, ["Lena Okafor"]);
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2019-03-01")
    );
    let kept = body(&article);
    assert!(kept.contains("Les commerçants du quai"), "{kept}");
    for clutter in ["Partager", "Imprimer", "Lire la suite"] {
        assert!(!kept.contains(clutter), "kept {clutter:?}:\n{kept}");
    }
}

#[test]
fn a_spanish_page_by_its_own_cues() {
    let text = format!(
        "Inicio\nBuscar\n\nEl muelle del transbordador cierra dos años\nPor Lena Okafor\n22 de octubre de 2010\nCompartir\n\n{SPANISH}\nLeer más\n"
    );
    let article = clean(&text, &CleanOptions::default());
    assert_eq!(article.authors, ["Lena Okafor"]);
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2010-10-22")
    );
    let kept = body(&article);
    assert!(kept.contains("Los comerciantes del muelle"), "{kept}");
    assert!(
        !kept.contains("Compartir") && !kept.contains("Leer más"),
        "{kept}"
    );
}

#[test]
fn the_sidecar_language_chooses_the_cues() {
    // Too little prose to tell the language: only the tag says it is German.
    let text = "Fähranleger schließt\nVon Lena Okafor\n\nDer Anleger schließt.\nMehr\n";
    let tagged = clean_in(text, &CleanOptions::default(), Some("de-AT"));
    assert_eq!(tagged.authors, ["Lena Okafor"]);
    // In an English text "Von" opens no byline.
    let english =
        "Ferry pier closes\nVon Lena Okafor\n\nThe pier closes today, the council said.\n";
    let article = clean_in(english, &CleanOptions::default(), Some("en"));
    assert!(article.authors.is_empty(), "{:?}", article.authors);
}
