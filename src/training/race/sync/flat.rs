//! The bytes of a race's state: every number little-endian — an f64 as its eight bytes (so a
//! racer comes back with the same bits), a length or an index as a u64, t as a u64, a u128
//! for the shuffle's generator — a one-byte tag before what may be absent, and a one-byte
//! index into `ALL` for a named kind (activation, cost, optimizer, …). Written by hand rather
//! than by a serde format: the same bytes' worth of checks (`Reader`) for a tenth of the code
//! in the wasm. Reading checks everything: bytes cut short, a tag or an index out of range, a
//! length longer than the bytes left, or bytes left over are a `SyncError::Bytes`.

use super::{RaceSnapshot, RacerState, SyncError};
use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::network::{Layer, Network};
use crate::math::optimizer::{LayerMoments, Optimizer, OptimizerKind, OptimizerSettings};
use crate::math::quantity::Quantity;
use crate::math::random::Random;
use crate::math::regularization::{Penalty, Regularization};
use crate::training::phase::Phase;
use crate::training::race::{Divergence, EpochRecord, NonFinite, Schedule, Snapshot};
use ndarray::Array2;

/// What goes into the bytes and comes back out of them.
pub(super) trait Flat: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(r: &mut Reader) -> Self;
}

/// The bytes not read yet, and the first thing wrong with them. Reading never stops: past a
/// fault it gives zeros and empty lists, and `end` reports the fault (one check at the end
/// rather than a branch after every number keeps the code small).
pub(super) struct Reader<'a> {
    rest: &'a [u8],
    fault: Option<&'static str>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader {
            rest: bytes,
            fault: None,
        }
    }

    fn fail(&mut self, what: &'static str) {
        self.fault.get_or_insert(what);
        self.rest = &[];
    }

    #[inline(never)]
    fn u64(&mut self) -> u64 {
        match self.rest.split_first_chunk::<8>() {
            Some((head, rest)) => {
                self.rest = rest;
                u64::from_le_bytes(*head)
            }
            None => {
                self.fail("cut short");
                0
            }
        }
    }

    /// A length of things each at least `size` bytes long: no longer than the bytes left.
    #[inline(never)]
    fn len(&mut self, size: usize) -> usize {
        let n = usize::take(self);
        if n.checked_mul(size).is_some_and(|b| b <= self.rest.len()) {
            n
        } else {
            self.fail("a length longer than the bytes");
            0
        }
    }

    /// One of `all`, by its index (the first on a fault).
    fn one_of<T: Copy>(&mut self, all: &[T]) -> T {
        let i = u8::take(self);
        if usize::from(i) >= all.len() {
            self.fail("an unknown kind");
            return all[0];
        }
        all[usize::from(i)]
    }

    /// All of it read, nothing wrong and nothing left over.
    pub(super) fn end(&self) -> Result<(), SyncError> {
        match self.fault {
            Some(what) => Err(SyncError::Bytes(what.to_string())),
            None if !self.rest.is_empty() => Err(SyncError::Bytes("bytes left over".into())),
            None => Ok(()),
        }
    }
}

#[inline(never)]
fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The index of `v` in `all`, as one byte.
fn index_in<T: PartialEq>(all: &[T], v: &T, out: &mut Vec<u8>) {
    out.push(all.iter().position(|a| a == v).unwrap_or(0) as u8);
}

impl Flat for u8 {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn take(r: &mut Reader) -> Self {
        match r.rest.split_first() {
            Some((&b, rest)) => {
                r.rest = rest;
                b
            }
            None => {
                r.fail("cut short");
                0
            }
        }
    }
}

impl Flat for u64 {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, *self);
    }
    fn take(r: &mut Reader) -> Self {
        r.u64()
    }
}

impl Flat for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, self.to_bits());
    }
    fn take(r: &mut Reader) -> Self {
        f64::from_bits(r.u64())
    }
}

/// Low half, then high half.
impl Flat for u128 {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, *self as u64);
        put_u64(out, (*self >> 64) as u64);
    }
    fn take(r: &mut Reader) -> Self {
        u128::from(r.u64()) | (u128::from(r.u64()) << 64)
    }
}

impl Flat for usize {
    fn put(&self, out: &mut Vec<u8>) {
        put_u64(out, *self as u64);
    }
    fn take(r: &mut Reader) -> Self {
        let n = r.u64();
        usize::try_from(n).unwrap_or_else(|_| {
            r.fail("a number too large");
            0
        })
    }
}

impl Flat for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(r: &mut Reader) -> Self {
        r.one_of(&[false, true])
    }
}

impl<T: Flat> Flat for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.is_some().put(out);
        if let Some(v) = self {
            v.put(out);
        }
    }
    fn take(r: &mut Reader) -> Self {
        bool::take(r).then(|| T::take(r))
    }
}

impl<T: Flat> Flat for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        self.iter().for_each(|v| v.put(out));
    }
    fn take(r: &mut Reader) -> Self {
        let n = r.len(1);
        (0..n).map(|_| T::take(r)).collect()
    }
}

/// Rows, columns, then the numbers row by row.
impl Flat for Array2<f64> {
    fn put(&self, out: &mut Vec<u8>) {
        let (rows, cols) = self.dim();
        rows.put(out);
        cols.put(out);
        self.iter().for_each(|v| v.put(out));
    }
    fn take(r: &mut Reader) -> Self {
        let rows = usize::take(r);
        let cols = r.len(rows.max(1).saturating_mul(8));
        let data = (0..rows * cols).map(|_| f64::take(r)).collect();
        Array2::from_shape_vec((rows, cols), data).unwrap_or_else(|_| {
            r.fail("not a matrix");
            Array2::zeros((0, 0))
        })
    }
}

/// Flat for a struct or a tuple of fields already Flat: each field in turn.
macro_rules! flat_fields {
    ($t:ident { $($f:ident),* }) => {
        impl Flat for $t {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$f.put(out);)*
            }
            fn take(r: &mut Reader) -> Self {
                $t { $($f: Flat::take(r)),* }
            }
        }
    };
}

/// Flat for a kind named by its index in `ALL`.
macro_rules! flat_kind {
    ($t:ty, $all:expr) => {
        impl Flat for $t {
            fn put(&self, out: &mut Vec<u8>) {
                index_in(&$all, self, out);
            }
            fn take(r: &mut Reader) -> Self {
                r.one_of(&$all)
            }
        }
    };
}

flat_kind!(Activation, Activation::ALL);
flat_kind!(Cost, Cost::ALL);
flat_kind!(Penalty, Penalty::ALL);
flat_kind!(Quantity, Quantity::ALL);
flat_kind!(
    Phase,
    [Phase::Forward, Phase::Cost, Phase::Backward, Phase::Update]
);

flat_fields!(Layer { w, b, activation });
flat_fields!(Network {
    layers,
    cost,
    regularization
});
flat_fields!(Regularization { penalty, rate });
flat_fields!(LayerMoments { w, b });
flat_fields!(Optimizer {
    settings,
    step,
    velocity,
    sq_avg
});
flat_fields!(EpochRecord {
    epoch,
    train_loss,
    test_loss,
    train_accuracy,
    test_accuracy
});
flat_fields!(Divergence { epoch, batch, step });
flat_fields!(NonFinite {
    epoch,
    batch,
    phase,
    layer,
    matrix
});
flat_fields!(Schedule {
    batch_size,
    order,
    cursor,
    epoch,
    batch,
    shuffle,
    order_ready
});
flat_fields!(RacerState {
    index,
    network,
    optimizer,
    since,
    history,
    step_ratios,
    ratio_sum,
    ratio_count,
    diverged,
    first_non_finite,
    snapshots_after,
    snapshots
});
flat_fields!(Snapshot { epoch, step, theta });
flat_fields!(RaceSnapshot { racers, schedule });

/// The generator's 128-bit state.
impl Flat for Random {
    fn put(&self, out: &mut Vec<u8>) {
        self.state().put(out);
    }
    fn take(r: &mut Reader) -> Self {
        Random::from_state(u128::take(r))
    }
}

/// The kind's index, then its hyper-parameters in the order they are declared.
impl Flat for OptimizerSettings {
    fn put(&self, out: &mut Vec<u8>) {
        index_in(&OptimizerKind::ALL, &self.kind(), out);
        let numbers: &[f64] = match self {
            OptimizerSettings::Sgd { learning_rate } => &[*learning_rate],
            OptimizerSettings::Momentum {
                learning_rate,
                beta,
            } => &[*learning_rate, *beta],
            OptimizerSettings::RmsProp {
                learning_rate,
                beta,
                epsilon,
            } => &[*learning_rate, *beta, *epsilon],
            OptimizerSettings::Adam {
                learning_rate,
                beta1,
                beta2,
                epsilon,
            } => &[*learning_rate, *beta1, *beta2, *epsilon],
        };
        numbers.iter().for_each(|v| v.put(out));
    }
    fn take(r: &mut Reader) -> Self {
        let kind = r.one_of(&OptimizerKind::ALL);
        let mut f = || f64::take(r);
        match kind {
            OptimizerKind::Sgd => OptimizerSettings::Sgd { learning_rate: f() },
            OptimizerKind::Momentum => OptimizerSettings::Momentum {
                learning_rate: f(),
                beta: f(),
            },
            OptimizerKind::RmsProp => OptimizerSettings::RmsProp {
                learning_rate: f(),
                beta: f(),
                epsilon: f(),
            },
            OptimizerKind::Adam => OptimizerSettings::Adam {
                learning_rate: f(),
                beta1: f(),
                beta2: f(),
                epsilon: f(),
            },
        }
    }
}
