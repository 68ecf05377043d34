//! Patching the site graph after edits to some sources, for `serve` and
//! `watch`: the last [`Site`], the [`LinkMemo`] its link left, and the edited
//! sources cleaned and extracted again in; the graph a full link of the new
//! content gives, and an account of what changed ([`Patched`]), out.
//!
//! A patch is refused ([`Refused`]) when an edit changes what only a full
//! link can redo: the order of the sources (a source's date), or what the
//! people merge reads from a source (the names, their forms, roles and
//! kinds, the bylines). Everything else is redone for the edited sources
//! alone, or for the part of the site they touch:
//! - the people's mentions, the names in the edited sources, and who
//!   appears with whom (counted per paragraph, so an edit changes only the
//!   counts of the paragraphs it touched);
//! - the timeline: the groups of month buckets the edited dates fall in are
//!   grouped again (see `timeline::patch`), the others keep their entries;
//!   then every entry's id, and every backlink from a date or a person to
//!   an entry, are worked out again, as a full link numbers them.

use super::timeline::patch::{
    bucket_of, buckets_of, group_members, Bucket, OccurrenceKey, TimelineMemo, Touched,
};
use super::timeline::Occurrence;
use super::{occurrences_in, Citation, PersonSpan, Site, Source, TimelineEntry};
use crate::extract::dates::IsoKey;
use crate::extract::people::PersonKind;
use crate::extract::Extracted;
use crate::measure::Step;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

/// What a full link leaves behind so that later edits can be patched in.
#[derive(Debug, Default)]
pub struct LinkMemo {
    /// Per source, in site order: for each person its extraction found, the
    /// site's person it merged into (`None`: not a person, or left out).
    pub(super) members: Vec<Vec<Option<usize>>>,
    /// Per source: a fingerprint of what the people merge reads from it.
    pub(super) people_keys: Vec<u64>,
    /// The profiles' names and facts, which an edited text is read against
    /// as a full link reads every text ([`super::settle_people`]).
    pub(super) profiles: std::sync::Arc<super::people::search::ProfileIndex>,
    /// Per person: the people named in the same paragraphs, with how many.
    pub(super) partners: Vec<HashMap<usize, usize>>,
    pub(super) timeline: TimelineMemo,
    /// Year -> how many date mentions and timeline entries fall in it: the
    /// years that have a page.
    pub(super) years: BTreeMap<i16, usize>,
}

impl LinkMemo {
    /// The years that have a page.
    pub fn years(&self) -> impl Iterator<Item = i16> + '_ {
        self.years.keys().copied()
    }
}

/// An edited source, cleaned and extracted again (see [`super::process_source`]).
pub struct Edit {
    /// Its position in `site.sources`.
    pub index: usize,
    pub source: Source,
    pub found: Extracted,
}

/// Why an edit needs a full link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A source's id or date changed, which moves it in the site's order.
    Order,
    /// The names a source gives, or its byline, changed: the merge must run again.
    People,
}

/// What a patch changed, for the render stage to find the pages to look at.
#[derive(Debug, Default)]
pub struct Patched {
    /// The edited sources.
    pub sources: Vec<usize>,
    /// People whose mentions, co-appearances, timeline events or card may have changed.
    pub people: BTreeSet<usize>,
    /// Sources that link to an entry that changed or was regrouped (their date links).
    pub linking: BTreeSet<usize>,
    /// Years whose pages (the year's, and each of its months' if it has
    /// them) may have changed.
    pub years: BTreeSet<i16>,
    /// Whether the set of years with a page changed.
    pub years_changed: bool,
    /// The ids of the entries that went or came (a kept entry keeps its id).
    pub entries: Vec<String>,
    /// Whether every page may have changed (the timeline page started or
    /// stopped listing every entry, which moves every entry's address).
    pub everything: bool,
    /// Wall time of each part: people, timeline groups, renumbering.
    pub timings: Vec<(Step, std::time::Duration)>,
}

/// A fingerprint of what the people merge reads from one source.
pub(super) fn people_key(found: &Extracted, authors: &[String]) -> u64 {
    let mut hasher = crate::fingerprint::Fingerprinter::new();
    authors.hash(&mut hasher);
    for person in &found.people {
        (&person.name, &person.aliases, &person.role, person.kind).hash(&mut hasher);
    }
    hasher.finish()
}

/// For each pair of people named in one paragraph of `source`, how many
/// paragraphs name both (the pair in index order).
pub(super) fn paragraph_pairs(source: &Source) -> BTreeMap<(usize, usize), usize> {
    let mut counts = BTreeMap::new();
    let mut by_block: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for mention in &source.people {
        by_block
            .entry(mention.span.block)
            .or_default()
            .push(mention.person);
    }
    for (_, mut present) in by_block {
        present.sort_unstable();
        present.dedup();
        for (i, &a) in present.iter().enumerate() {
            for &b in &present[i + 1..] {
                *counts.entry((a, b)).or_default() += 1;
            }
        }
    }
    counts
}

/// A person's co-appearances from their partner counts, most shared first.
pub(super) fn appears_with_from(partners: &HashMap<usize, usize>) -> Vec<(usize, usize)> {
    let mut list: Vec<(usize, usize)> = partners.iter().map(|(&p, &c)| (p, c)).collect();
    list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    list
}

/// Fills in the people of an edited source from its extraction: its
/// mention spans, photographers and byline links (as `link_people` does).
fn name_people(
    source: &mut Source,
    found: &Extracted,
    members: &[Option<usize>],
    people: &[super::Person],
) {
    for (local, person) in found.people.iter().enumerate() {
        let Some(index) = members.get(local).copied().flatten() else {
            continue;
        };
        for span in &person.mentions {
            source.people.push(PersonSpan {
                span: *span,
                person: index,
            });
        }
        if person.kind == PersonKind::Photographer {
            source.photographers.push(index);
        }
    }
    source.people.sort();
    source
        .people
        .dedup_by(|a, b| a.span.start < b.span.end && a.span.block == b.span.block);
    source.photographers.sort_unstable();
    source.photographers.dedup();
    let mut named: Vec<usize> = members.iter().copied().flatten().collect();
    named.sort_unstable();
    named.dedup();
    source.author_ids = source
        .authors
        .iter()
        .map(|author| {
            named.iter().copied().find(|&index| {
                let person = &people[index];
                person.name == *author || person.aliases.iter().any(|a| a == author)
            })
        })
        .collect();
}

/// Patches `edits` into `site`; `Err` (and `site` untouched) when only a
/// full link can take them in.
pub fn patch(
    site: &mut Site,
    memo: &mut LinkMemo,
    mut edits: Vec<Edit>,
) -> Result<Patched, Refused> {
    for edit in &mut edits {
        super::settle_people(&memo.profiles, &mut edit.source, &mut edit.found);
    }
    for edit in &edits {
        let old = site.sources.get(edit.index).ok_or(Refused::Order)?;
        if old.id != edit.source.id || old.date != edit.source.date {
            return Err(Refused::Order);
        }
        let key = people_key(&edit.found, &edit.source.authors);
        if memo.people_keys.get(edit.index) != Some(&key) {
            return Err(Refused::People);
        }
    }
    let mut patched = Patched::default();
    let started = std::time::Instant::now();
    let mut old_sources = Vec::with_capacity(edits.len());
    let mut old_mention_counts = HashMap::new();
    for edit in edits {
        let Edit {
            index,
            mut source,
            found,
        } = edit;
        let members = &memo.members[index];
        name_people(&mut source, &found, members, &site.people);
        // Every person the source names: their quotes of it are new.
        let mut new_mentions: BTreeMap<usize, Vec<(usize, crate::extract::Span)>> = members
            .iter()
            .flatten()
            .map(|&person| (person, Vec::new()))
            .collect();
        for (local, person) in found.people.iter().enumerate() {
            if let Some(index_of_person) = members.get(local).copied().flatten() {
                let list = new_mentions.entry(index_of_person).or_default();
                list.extend(person.mentions.iter().map(|span| (index, *span)));
            }
        }
        for (person, mut mentions) in new_mentions {
            mentions.sort();
            let list = &mut site.people[person].mentions;
            old_mention_counts.entry(person).or_insert(list.len());
            let from = list.partition_point(|&(s, _)| s < index);
            let to = list.partition_point(|&(s, _)| s <= index);
            list.splice(from..to, mentions);
            patched.people.insert(person);
        }
        // Who appears with whom, per paragraph: only the edited source's counts change.
        let before = paragraph_pairs(&site.sources[index]);
        let after = paragraph_pairs(&source);
        if before != after {
            let mut moved: BTreeSet<usize> = BTreeSet::new();
            for ((a, b), count) in &before {
                for (x, y) in [(a, b), (b, a)] {
                    let partners = &mut memo.partners[*x];
                    if let Some(shared) = partners.get_mut(y) {
                        *shared -= count;
                        if *shared == 0 {
                            partners.remove(y);
                        }
                    }
                }
                moved.extend([*a, *b]);
            }
            for ((a, b), count) in &after {
                *memo.partners[*a].entry(*b).or_default() += count;
                *memo.partners[*b].entry(*a).or_default() += count;
                moved.extend([*a, *b]);
            }
            for person in moved {
                site.people[person].appears_with = appears_with_from(&memo.partners[person]);
                patched.people.insert(person);
            }
        }
        let old = std::mem::replace(&mut site.sources[index], source);
        patched.sources.push(index);
        old_sources.push((index, old));
    }
    // A person whose number of mentions changed has a new card wherever it is shown.
    for (&person, &count) in &old_mention_counts {
        if site.people[person].mentions.len() != count {
            patched
                .linking
                .extend(site.people[person].sources.iter().copied());
        }
    }
    patched.timings.push((Step::PatchPeople, started.elapsed()));
    patch_timeline(site, memo, &old_sources, &mut patched);
    regather_tags(site, &mut patched);
    Ok(patched)
}

/// A sidecar's `tags` may have changed: the tags are gathered again (few
/// and cheap), and a tag that came, went or changed its name (shown on
/// every page that carries it, and moving every later tag's key) makes
/// every page stale.
fn regather_tags(site: &mut Site, patched: &mut Patched) {
    let tags = super::tags::gather(&site.sources, &site.pages, &site.config.tags);
    let names = |tags: &[super::tags::Tag]| {
        tags.iter()
            .map(|t| (t.slug.clone(), t.name.clone()))
            .collect::<Vec<_>>()
    };
    patched.everything |= names(&tags) != names(&site.tags);
    site.tags = tags;
}

/// Whether grouping reads the same from two occurrences of one date mention.
fn grouped_alike(was: &Occurrence, now: &Occurrence) -> bool {
    was.value == now.value
        && was.event == now.event
        && was.people == now.people
        && was.words == now.words
}

/// The entry order of a full link: by first day, the wider period first,
/// editorial entries first, then by their first citation.
fn entry_order(a: &TimelineEntry, b: &TimelineEntry) -> Ordering {
    let first = |e: &TimelineEntry| e.citations.first().map(|c| (c.source, c.mention));
    (a.value.start, std::cmp::Reverse(a.value.precision))
        .cmp(&(b.value.start, std::cmp::Reverse(b.value.precision)))
        .then_with(|| a.editorial.is_none().cmp(&b.editorial.is_none()))
        .then_with(|| match (&a.editorial, &b.editorial) {
            // Two editorial entries keep the order they had: the caller
            // merges kept entries, already in order, with new extracted ones.
            (Some(_), Some(_)) => Ordering::Equal,
            _ => first(a).cmp(&first(b)),
        })
}

/// A date of an edited source that the edit left as it was: where its
/// entry's citation of it now points.
struct QuotedAnew {
    source: usize,
    entry: usize,
    /// The mention's number before the edit and after it.
    was: usize,
    now: usize,
    block: usize,
    sentence: std::ops::Range<usize>,
}

/// The occurrences of one source before and after an edit: the pairs the
/// edit left alike (those before its first change and after its last, in
/// order), and the changed run between them, before and after.
struct Split<'a, 'b> {
    kept: Vec<(Occurrence<'a>, Occurrence<'b>)>,
    before: Vec<Occurrence<'a>>,
    after: Vec<Occurrence<'b>>,
}

fn split_unchanged<'a, 'b>(
    mut was: Vec<Occurrence<'a>>,
    mut now: Vec<Occurrence<'b>>,
) -> Split<'a, 'b> {
    let prefix = was
        .iter()
        .zip(&now)
        .take_while(|(a, b)| grouped_alike(a, b))
        .count();
    let suffix = was[prefix..]
        .iter()
        .rev()
        .zip(now[prefix..].iter().rev())
        .take_while(|(a, b)| grouped_alike(a, b))
        .count();
    let was_tail = was.split_off(was.len() - suffix);
    let now_tail = now.split_off(now.len() - suffix);
    let before = was.split_off(prefix);
    let after = now.split_off(prefix);
    let kept = was
        .into_iter()
        .zip(now)
        .chain(was_tail.into_iter().zip(now_tail))
        .collect();
    Split {
        kept,
        before,
        after,
    }
}

fn patch_timeline(
    site: &mut Site,
    memo: &mut LinkMemo,
    old_sources: &[(usize, Source)],
    patched: &mut Patched,
) {
    let edited: BTreeSet<usize> = old_sources.iter().map(|(index, _)| *index).collect();
    count_edited_years(site, memo, old_sources, patched);
    let started = std::time::Instant::now();
    let touched = requote(site, memo, old_sources, patched);
    let dirty = dirty_buckets(site, &edited, touched);
    let (groups, group_of) = memo.timeline.groups();
    let dirty_groups: BTreeSet<usize> = dirty
        .iter()
        .filter_map(|b| group_of.get(b).copied())
        .collect();
    let in_dirty_group = |entry: &TimelineEntry| {
        bucket_of(&entry.value).is_none_or(|b| {
            dirty.contains(&b) || group_of.get(&b).is_none_or(|g| dirty_groups.contains(g))
        })
    };
    let regrouped = |entry: &TimelineEntry| entry.editorial.is_none() && in_dirty_group(entry);
    // An editorial entry there gives back the entries it joined (they are
    // grouped again with the rest) and joins them anew below.
    let rejoins = |entry: &TimelineEntry| {
        entry
            .editorial
            .as_ref()
            .is_some_and(|e| !e.paragraphs.is_empty())
            && in_dirty_group(entry)
    };
    // The entries that go, and what links to them: the dates they cite and
    // the timeline events of the people they name, by entry id.
    let goes: Vec<bool> = site.timeline.iter().map(regrouped).collect();
    let mut relinked = linked_before(site, &goes, &rejoins, patched);
    let on_index_before = site.timeline.len() <= crate::layout::TIMELINE_INDEX_LIMIT;
    let busy_before = busy_years(site);
    let old_timeline = std::mem::take(&mut site.timeline);
    let mut kept = Vec::with_capacity(old_timeline.len());
    let mut gone = Vec::new();
    for (mut entry, goes) in old_timeline.into_iter().zip(goes) {
        if rejoins(&entry) {
            entry.citations.clear();
            entry.people.clear();
        }
        if goes {
            patched.years.insert(entry.value.year());
            count_year(
                &mut memo.years,
                entry.value.year(),
                -1,
                &mut patched.years_changed,
            );
            gone.push(entry);
        } else {
            kept.push(entry);
        }
    }
    patched.timings.push((Step::PatchDates, started.elapsed()));
    let started = std::time::Instant::now();
    let fresh = regroup(site, memo, &groups, &dirty_groups);
    for entry in &fresh {
        patched.years.insert(entry.value.year());
        count_year(
            &mut memo.years,
            entry.value.year(),
            1,
            &mut patched.years_changed,
        );
        let cited = entry.citations.iter().map(|c| (c.source, c.mention));
        relinked.links_after.extend(cited);
        relinked.named.extend(entry.people.iter().copied());
    }
    relink_changed_values(site, &gone, &fresh, patched);
    patched
        .timings
        .push((Step::PatchTimeline, started.elapsed()));
    let started = std::time::Instant::now();
    let (timeline, joined_years) = super::join_editorial(merge_in_order(kept, fresh));
    for year in joined_years {
        count_year(&mut memo.years, year, -1, &mut patched.years_changed);
    }
    site.timeline = timeline;
    renumber(site);
    mark_relinked(site, relinked, patched);
    patched.entries.sort();
    patched.entries.dedup();
    let on_index = site.timeline.len() <= crate::layout::TIMELINE_INDEX_LIMIT;
    // Entries are linked where the timeline lists them: on the timeline
    // page, or on their year's page, or on their month's in a busy year.
    patched.everything |= on_index != on_index_before || busy_years(site) != busy_before;
    patched
        .timings
        .push((Step::PatchRenumber, started.elapsed()));
}

/// What links to the entries that go or rejoin: the dates they cite and the
/// timeline events of the people they name, by entry id. A rejoining
/// editorial entry is itself marked as changed.
fn linked_before(
    site: &Site,
    goes: &[bool],
    rejoins: &dyn Fn(&TimelineEntry) -> bool,
    patched: &mut Patched,
) -> Relinked {
    let mut links_before: BTreeMap<(usize, usize), String> = BTreeMap::new();
    let mut named: BTreeSet<usize> = BTreeSet::new();
    for (entry, goes) in site.timeline.iter().zip(goes) {
        let rejoining = rejoins(entry);
        if !goes && !rejoining {
            continue;
        }
        for citation in &entry.citations {
            links_before.insert((citation.source, citation.mention), entry.id.clone());
        }
        named.extend(entry.people.iter().copied());
        if rejoining {
            patched.entries.push(entry.id.clone());
        }
    }
    let events_before = |site: &Site, person: usize| -> Vec<String> {
        let events = &site.people[person].events;
        events
            .iter()
            .map(|&e| site.timeline[e].id.clone())
            .collect()
    };
    let events_before: BTreeMap<usize, Vec<String>> =
        named.iter().map(|&p| (p, events_before(site, p))).collect();
    Relinked {
        links_before,
        links_after: BTreeSet::new(),
        named,
        events_before,
    }
}

/// Counts the edited sources' date mentions, before and after, by year.
fn count_edited_years(
    site: &Site,
    memo: &mut LinkMemo,
    old_sources: &[(usize, Source)],
    patched: &mut Patched,
) {
    for (index, old) in old_sources {
        for mention in old.dates.iter() {
            let year = mention.value.year();
            patched.years.insert(year);
            count_year(&mut memo.years, year, -1, &mut patched.years_changed);
        }
        for mention in site.sources[*index].dates.iter() {
            let year = mention.value.year();
            patched.years.insert(year);
            count_year(&mut memo.years, year, 1, &mut patched.years_changed);
        }
    }
}

/// Takes the edited runs of dates out of the grouping and puts them back,
/// and brings the citations of the unchanged dates up to date.
fn requote(
    site: &mut Site,
    memo: &mut LinkMemo,
    old_sources: &[(usize, Source)],
    patched: &mut Patched,
) -> Touched {
    // An edit rarely touches every date of a source: the dates before the
    // edited run and after it have the same value, people and words as
    // before, so they are grouped as before, and only their citations (the
    // mention's number, the sentence's place in the block) need bringing
    // up to date. The dates of the run itself are taken out and put back.
    let mut quoted_anew: Vec<QuotedAnew> = Vec::new();
    let touched = {
        let mut before: Vec<Occurrence> = Vec::new();
        let mut after: Vec<Occurrence> = Vec::new();
        let mut renumbered: Vec<(Occurrence, Occurrence)> = Vec::new();
        for (index, old) in old_sources {
            let new = &site.sources[*index];
            let split = split_unchanged(occurrences_in(*index, old), occurrences_in(*index, new));
            before.extend(split.before);
            after.extend(split.after);
            for (was, now) in split.kept {
                let entry = old.date_entries.get(was.mention).copied().flatten();
                if let Some(entry) = entry {
                    quoted_anew.push(QuotedAnew {
                        source: *index,
                        entry,
                        was: was.mention,
                        now: now.mention,
                        block: new.dates[now.mention].span.block,
                        sentence: now.sentence_range.clone(),
                    });
                }
                if was.mention != now.mention {
                    renumbered.push((was, now));
                }
            }
        }
        memo.timeline.apply(&before, &after, &renumbered)
    };
    // Entries that cite an edited source show its text: their quotes may change.
    for (_, old) in old_sources {
        for entry in old.date_entries.iter().flatten() {
            let entry = &site.timeline[*entry];
            patched.entries.push(entry.id.clone());
            patched.years.insert(entry.value.year());
        }
    }
    // Every citation is found before any is changed: a mention's new number
    // may be another's old one in the same entry.
    let found: Vec<(usize, usize, &QuotedAnew)> = quoted_anew
        .iter()
        .filter_map(|quoted| {
            let citations = &site.timeline[quoted.entry].citations;
            let at = citations
                .iter()
                .position(|c| c.source == quoted.source && c.mention == quoted.was)?;
            Some((quoted.entry, at, quoted))
        })
        .collect();
    for (entry, at, quoted) in found {
        let citation = &mut site.timeline[entry].citations[at];
        citation.mention = quoted.now;
        citation.block = quoted.block;
        citation.sentence_range = quoted.sentence.clone();
    }
    touched
}

/// The buckets to group again: those the edit touched, and those of
/// occurrences elsewhere whose salient words changed.
fn dirty_buckets(site: &Site, edited: &BTreeSet<usize>, touched: Touched) -> BTreeSet<Bucket> {
    let mut dirty: BTreeSet<Bucket> = touched.buckets;
    if !touched.flipped.is_empty() {
        // Occurrences elsewhere whose salient words changed are grouped again too.
        for (index, source) in site.sources.iter().enumerate() {
            if edited.contains(&index) {
                continue;
            }
            for occurrence in occurrences_in(index, source) {
                if occurrence.event && occurrence.words.iter().any(|w| touched.flipped.contains(w))
                {
                    dirty.extend(buckets_of(&occurrence.value));
                }
            }
        }
    }
    dirty
}

/// The entries of the dirty groups, grouped again, in timeline order.
fn regroup(
    site: &Site,
    memo: &LinkMemo,
    groups: &[Vec<Bucket>],
    dirty_groups: &BTreeSet<usize>,
) -> Vec<TimelineEntry> {
    // The touched groups, grouped again.
    let mut fresh: Vec<TimelineEntry> = Vec::new();
    for &group in dirty_groups {
        let keys = memo.timeline.members(&groups[group]);
        let members: Vec<Occurrence> = keys
            .iter()
            .filter_map(|key| occurrence_for(site, key))
            .collect();
        let counts = memo.timeline.counts();
        for entry in group_members(&members, counts, memo.timeline.common_above()) {
            let mut citations = Vec::with_capacity(entry.occurrences.len());
            let mut people = Vec::new();
            for &at in &entry.occurrences {
                let occurrence = &members[at];
                let block = site.sources[occurrence.source].dates[occurrence.mention]
                    .span
                    .block;
                people.extend(occurrence.people.iter().copied());
                citations.push(Citation {
                    source: occurrence.source,
                    mention: occurrence.mention,
                    block,
                    sentence_range: occurrence.sentence_range.clone(),
                    people: occurrence.people.clone(),
                });
            }
            people.sort_unstable();
            people.dedup();
            fresh.push(TimelineEntry {
                id: String::new(),
                value: entry.value,
                citations,
                editorial: None,
                people,
            });
        }
    }
    fresh.sort_by(entry_order);
    fresh
}

/// Marks for linking again the sources with a date whose value gained its
/// first entry or lost its last.
fn relink_changed_values(
    site: &Site,
    gone: &[TimelineEntry],
    fresh: &[TimelineEntry],
    patched: &mut Patched,
) {
    // A date that no entry cites links to the first entry of its value, if
    // there is one (whose id is always the plain one), else to its year: it
    // changes only where the edit made the first entry of a value or took
    // the last one away. Entries of one value are all in one group.
    let values = |entries: &[TimelineEntry]| -> BTreeSet<IsoKey> {
        entries.iter().map(|e| e.value.iso_key()).collect()
    };
    let (before, after) = (values(gone), values(fresh));
    let appeared_or_gone: BTreeSet<IsoKey> = before.symmetric_difference(&after).copied().collect();
    if !appeared_or_gone.is_empty() {
        for (index, source) in site.sources.iter().enumerate() {
            if source
                .dates
                .iter()
                .any(|mention| appeared_or_gone.contains(&mention.value.iso_key()))
            {
                patched.linking.insert(index);
            }
        }
    }
}

/// What linked to the regrouped entries before they were grouped again.
struct Relinked {
    /// Each cited date's entry id before.
    links_before: BTreeMap<(usize, usize), String>,
    /// The dates the fresh entries cite.
    links_after: BTreeSet<(usize, usize)>,
    /// The people the entries named, before or after.
    named: BTreeSet<usize>,
    /// Each named person's events, by entry id, before.
    events_before: BTreeMap<usize, Vec<String>>,
}

/// Marks the dates, people and entries whose links changed with the new numbering.
fn mark_relinked(site: &Site, relinked: Relinked, patched: &mut Patched) {
    let Relinked {
        links_before,
        links_after,
        named,
        events_before,
    } = relinked;
    // A date links to its entry's anchor: only the dates whose entry id
    // changed, and the people whose list of events changed, are touched.
    for &link in links_before.keys().chain(&links_after) {
        if links_before.get(&link).map(String::as_str) != entry_of(site, link) {
            patched.linking.insert(link.0);
        }
    }
    for &person in &named {
        let events = &site.people[person].events;
        let ids = events.iter().map(|&e| site.timeline[e].id.as_str());
        let before = events_before.get(&person);
        if before.is_none_or(|before| !ids.eq(before.iter().map(String::as_str))) {
            patched.people.insert(person);
        }
    }
    patched.entries.extend(links_before.into_values());
    for entry in &site.timeline {
        let first = entry.citations.first().map(|c| (c.source, c.mention));
        if first.is_some_and(|first| links_after.contains(&first)) {
            patched.entries.push(entry.id.clone());
        }
    }
}

/// The years with too many entries for one page (see `render::links::split_years`).
fn busy_years(site: &Site) -> BTreeSet<i16> {
    let mut counts: BTreeMap<i16, usize> = BTreeMap::new();
    for entry in &site.timeline {
        *counts.entry(entry.value.year()).or_default() += 1;
    }
    let limit = site.config.timeline.year_page_limit.0;
    counts
        .into_iter()
        .filter(|&(_, count)| count > limit)
        .map(|(year, _)| year)
        .collect()
}

/// The id of the entry a date mention (source, mention) belongs to.
fn entry_of(site: &Site, (source, mention): (usize, usize)) -> Option<&str> {
    let entry = site.sources[source]
        .date_entries
        .get(mention)
        .copied()
        .flatten();
    entry.map(|e| site.timeline[e].id.as_str())
}

fn count_year(years: &mut BTreeMap<i16, usize>, year: i16, delta: isize, changed: &mut bool) {
    let count = years.entry(year).or_default();
    let before = *count;
    *count = count.saturating_add_signed(delta);
    if (before == 0) != (*count == 0) {
        *changed = true;
    }
    if *count == 0 {
        years.remove(&year);
    }
}

/// The occurrence a key names, read from the site's sources.
fn occurrence_for<'a>(site: &'a Site, key: &OccurrenceKey) -> Option<Occurrence<'a>> {
    let source = site.sources.get(key.source)?;
    super::occurrence_at(key.source, source, key.mention)
}

/// Merges `kept` (in order) with `fresh` (sorted the same way).
fn merge_in_order(kept: Vec<TimelineEntry>, fresh: Vec<TimelineEntry>) -> Vec<TimelineEntry> {
    let mut merged = Vec::with_capacity(kept.len() + fresh.len());
    let mut fresh = fresh.into_iter().peekable();
    for entry in kept {
        while fresh
            .peek()
            .is_some_and(|next| entry_order(next, &entry) == Ordering::Less)
        {
            merged.extend(fresh.next());
        }
        merged.push(entry);
    }
    merged.extend(fresh);
    merged
}

/// Gives every entry its id, and every date and person their entries, as a
/// full link numbers them (see [`super::number_entries`]).
fn renumber(site: &mut Site) {
    super::index_timeline(&mut site.timeline, &mut site.sources, &mut site.people);
}
