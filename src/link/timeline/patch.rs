//! Keeping the timeline's grouping up to date after edits to a few sources:
//! what a full grouping leaves behind ([`TimelineMemo`]) and the occurrences
//! of the edited sources before and after the edit in; which groups of
//! buckets the edit touched, and their entries grouped again, out.
//!
//! Grouping never looks outside a group of month buckets that no occurrence
//! joins to another (see `independent_groups`), and inside a group it reads
//! only each occurrence's value, people and salient words, in the grouping
//! order. So a group none of whose buckets holds an edited occurrence, and
//! none of whose occurrences has a word that became common or salient, keeps
//! exactly the entries a full grouping would give it.

use super::grouping::{common_above, is_salient, WordCounts};
use super::{bucket_keys, group_in_order, grouping_key, sort_by_source, Entry, Occurrence};
use crate::extract::dates::{DateValue, Precision};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A (year, month) bucket; month 0 holds a year's year-precision values.
pub type Bucket = (i16, i8);

/// An event occurrence by its place in the grouping order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OccurrenceKey {
    pub precision: Precision,
    pub start: Date,
    pub source: usize,
    pub mention: usize,
}

impl OccurrenceKey {
    pub fn of(occurrence: &Occurrence) -> Self {
        let (precision, start, source, mention) = grouping_key(occurrence);
        OccurrenceKey {
            precision,
            start,
            source,
            mention,
        }
    }
}

/// What the grouping of a whole site leaves for patching it.
#[derive(Debug, Default)]
pub struct TimelineMemo {
    /// How many occurrences' sentences have each content word.
    counts: WordCounts,
    /// How many occurrences there are (events or not).
    occurrences: usize,
    /// The event occurrences in each bucket, in grouping order.
    buckets: BTreeMap<Bucket, Vec<OccurrenceKey>>,
    /// How many event occurrences span each pair of buckets (a week across two months).
    bridges: BTreeMap<(Bucket, Bucket), usize>,
}

/// The groups of buckets an edit touched.
#[derive(Debug, Default)]
pub struct Touched {
    /// Buckets whose occurrences changed, or hold an occurrence whose
    /// salient words changed.
    pub buckets: BTreeSet<Bucket>,
    /// Words that became common or salient: occurrences of unchanged sources
    /// that have one must be grouped again too.
    pub flipped: HashSet<u64>,
}

impl TimelineMemo {
    /// The memo of a grouping of all `occurrences`, whose word counts are `counts`.
    pub fn new(occurrences: &[Occurrence], counts: WordCounts) -> Self {
        let mut memo = TimelineMemo {
            counts,
            occurrences: occurrences.len(),
            ..TimelineMemo::default()
        };
        for occurrence in occurrences.iter().filter(|o| o.event) {
            memo.place(occurrence, true);
        }
        for members in memo.buckets.values_mut() {
            members.sort_unstable();
        }
        memo
    }

    pub fn counts(&self) -> &WordCounts {
        &self.counts
    }

    /// The threshold above which a word is common.
    pub fn common_above(&self) -> usize {
        common_above(self.occurrences)
    }

    /// Adds an event occurrence to its buckets (unsorted when `bulk`) or takes it out.
    fn place(&mut self, occurrence: &Occurrence, bulk: bool) {
        let key = OccurrenceKey::of(occurrence);
        let buckets: Vec<Bucket> = bucket_keys(&occurrence.value).collect();
        for bucket in &buckets {
            let members = self.buckets.entry(*bucket).or_default();
            if bulk {
                members.push(key);
            } else if let Err(at) = members.binary_search(&key) {
                members.insert(at, key);
            }
        }
        if let [first, second] = buckets[..] {
            *self.bridges.entry((first, second)).or_default() += 1;
        }
    }

    fn remove(&mut self, occurrence: &Occurrence) {
        let key = OccurrenceKey::of(occurrence);
        let buckets: Vec<Bucket> = bucket_keys(&occurrence.value).collect();
        for bucket in &buckets {
            if let Some(members) = self.buckets.get_mut(bucket) {
                if let Ok(at) = members.binary_search(&key) {
                    members.remove(at);
                }
                if members.is_empty() {
                    self.buckets.remove(bucket);
                }
            }
        }
        if let [first, second] = buckets[..] {
            if let Some(count) = self.bridges.get_mut(&(first, second)) {
                *count -= 1;
                if *count == 0 {
                    self.bridges.remove(&(first, second));
                }
            }
        }
    }

    /// Replaces the occurrences `before` of the edited sources by `after`,
    /// and gives those the edit left alike but `renumbered` (a date added or
    /// taken out before them in their source) their new numbers: their
    /// words, buckets and order among the others stay as they were.
    /// Returns what the edit touched.
    pub fn apply(
        &mut self,
        before: &[Occurrence],
        after: &[Occurrence],
        renumbered: &[(Occurrence, Occurrence)],
    ) -> Touched {
        let threshold_before = self.common_above();
        // Per word: in how many of the edited occurrences before, and after.
        let mut changed_words: HashMap<u64, (usize, usize)> = HashMap::new();
        for occurrence in before {
            for &word in occurrence.words.iter() {
                changed_words.entry(word).or_default().0 += 1;
            }
        }
        for occurrence in after {
            for &word in occurrence.words.iter() {
                changed_words.entry(word).or_default().1 += 1;
            }
        }
        let mut touched = Touched::default();
        let mut old_counts = Vec::with_capacity(changed_words.len());
        for (&word, &(removed, added)) in &changed_words {
            let count = self.counts.entry(word).or_default();
            old_counts.push((word, *count, removed));
            *count = (*count + added).saturating_sub(removed);
            if *count == 0 {
                self.counts.remove(&word);
            }
        }
        self.occurrences = self.occurrences - before.len() + after.len();
        let threshold_after = self.common_above();
        for (word, old, removed) in old_counts {
            let new = self.counts.get(&word).copied().unwrap_or(0);
            // A word only the edited occurrences had changes no other occurrence.
            let elsewhere = old > removed;
            if elsewhere && is_salient(old, threshold_before) != is_salient(new, threshold_after) {
                touched.flipped.insert(word);
            }
        }
        if threshold_before != threshold_after {
            // Words whose count did not change but now fall on the other side.
            for (&word, &count) in &self.counts {
                if !changed_words.contains_key(&word)
                    && is_salient(count, threshold_before) != is_salient(count, threshold_after)
                {
                    touched.flipped.insert(word);
                }
            }
        }
        // Every old number is taken out before any new one is put in: a
        // new number may be another occurrence's old one.
        for occurrence in before.iter().filter(|o| o.event) {
            touched.buckets.extend(bucket_keys(&occurrence.value));
            self.remove(occurrence);
        }
        let renumbered_events = renumbered.iter().filter(|(was, _)| was.event);
        for (was, _) in renumbered_events.clone() {
            self.remove(was);
        }
        for (_, now) in renumbered_events {
            self.place(now, false);
        }
        for occurrence in after.iter().filter(|o| o.event) {
            touched.buckets.extend(bucket_keys(&occurrence.value));
            self.place(occurrence, false);
        }
        touched
    }

    /// The groups of buckets that no event occurrence joins to another,
    /// each with its buckets in order, and the group of each bucket.
    pub fn groups(&self) -> (Vec<Vec<Bucket>>, HashMap<Bucket, usize>) {
        let buckets: Vec<Bucket> = self.buckets.keys().copied().collect();
        let position: HashMap<Bucket, usize> =
            buckets.iter().enumerate().map(|(i, b)| (*b, i)).collect();
        let mut parent: Vec<usize> = (0..buckets.len()).collect();
        fn root(parent: &mut [usize], mut at: usize) -> usize {
            while parent[at] != at {
                parent[at] = parent[parent[at]];
                at = parent[at];
            }
            at
        }
        for (first, second) in self.bridges.keys() {
            if let (Some(&a), Some(&b)) = (position.get(first), position.get(second)) {
                let (a, b) = (root(&mut parent, a), root(&mut parent, b));
                parent[a.max(b)] = a.min(b);
            }
        }
        let mut groups: BTreeMap<usize, Vec<Bucket>> = BTreeMap::new();
        for (at, bucket) in buckets.iter().enumerate() {
            groups
                .entry(root(&mut parent, at))
                .or_default()
                .push(*bucket);
        }
        let groups: Vec<Vec<Bucket>> = groups.into_values().collect();
        let group_of = groups
            .iter()
            .enumerate()
            .flat_map(|(group, buckets)| buckets.iter().map(move |b| (*b, group)))
            .collect();
        (groups, group_of)
    }

    /// The event occurrences of a group of buckets, each once, in grouping order.
    pub fn members(&self, buckets: &[Bucket]) -> Vec<OccurrenceKey> {
        let mut members: Vec<OccurrenceKey> = buckets
            .iter()
            .filter_map(|bucket| self.buckets.get(bucket).map(|m| (bucket, m)))
            .flat_map(|(bucket, members)| {
                // An occurrence in two buckets is taken from its first.
                members
                    .iter()
                    .filter(move |key| first_bucket(key) == *bucket)
                    .copied()
            })
            .collect();
        members.sort_unstable();
        members
    }
}

/// The first bucket of an occurrence's value, as [`bucket_keys`] gives it.
fn first_bucket(key: &OccurrenceKey) -> Bucket {
    let value = DateValue {
        start: key.start,
        precision: key.precision,
        modifier: None,
    };
    if value.is_wide() {
        (value.year(), 0)
    } else {
        (key.start.year(), key.start.month())
    }
}

/// Every bucket a value is compared in.
pub fn buckets_of(value: &crate::extract::dates::DateValue) -> Vec<Bucket> {
    bucket_keys(value).collect()
}

/// The first bucket of a value: the one its entry is filed under.
pub fn bucket_of(value: &crate::extract::dates::DateValue) -> Option<Bucket> {
    bucket_keys(value).next()
}

/// Groups the event occurrences of one group of buckets, given in grouping
/// order, as a full grouping does: entries with positions into `members`,
/// each entry's in source and mention order.
pub fn group_members(
    members: &[Occurrence],
    counts: &WordCounts,
    common_above: usize,
) -> Vec<Entry> {
    let similarity = super::grouping::Similarity::with_counts(members, counts, common_above);
    let order: Vec<usize> = (0..members.len()).collect();
    let mut entries = group_in_order(&order, members, &similarity);
    for entry in &mut entries {
        sort_by_source(&mut entry.occurrences, members);
    }
    entries
}
