//! `F2`: two f64 lanes, added, multiplied and divided lane by lane by one SIMD instruction —
//! wasm `simd128` in the browser, SSE2 on x86-64, two plain numbers elsewhere. Each lane of
//! each operation is the IEEE operation of one f64, rounded the same way, so code written on
//! `F2` gives the bits of the same code written on f64 (`elementary::tanh_row` and
//! `sigmoid_row` rely on it).
//! Only what that code needs is here.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;

    #[derive(Clone, Copy)]
    pub struct F2(v128);

    impl F2 {
        #[inline(always)]
        pub fn new(a: f64, b: f64) -> F2 {
            F2(f64x2(a, b))
        }
        #[inline(always)]
        pub fn splat(a: f64) -> F2 {
            F2(f64x2_splat(a))
        }
        /// `splat(a)`, hidden from the compiler so that it stays a value made once (in a
        /// local) rather than a constant rebuilt at each use: V8 builds every `v128.const` of
        /// an expression afresh, three instructions each, inside the loop
        #[inline(always)]
        pub fn kept(a: f64) -> F2 {
            F2(core::hint::black_box(f64x2_splat(a)))
        }
        /// the bits of each lane and those of `o`'s
        #[inline(always)]
        pub fn and_bits(self, o: F2) -> F2 {
            F2(v128_and(self.0, o.0))
        }
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
            ]
        }
        /// s[0], s[1] in one load
        #[inline(always)]
        pub fn load(s: &[f64; 2]) -> F2 {
            // SAFETY: s is two f64s, 16 readable bytes; v128_load takes any alignment.
            unsafe { F2(v128_load(s.as_ptr() as *const v128)) }
        }
        /// s[0], s[1] = the lanes, in one store
        #[inline(always)]
        pub fn store(self, s: &mut [f64; 2]) {
            // SAFETY: s is two f64s, 16 writable bytes; v128_store takes any alignment.
            unsafe { v128_store(s.as_mut_ptr() as *mut v128, self.0) }
        }
        /// the bits of each lane or those of `o`'s
        #[inline(always)]
        pub fn or_bits(self, o: F2) -> F2 {
            F2(v128_or(self.0, o.0))
        }
        /// per lane: self < o ? a : b (false for NaN, as `<`)
        #[inline(always)]
        pub fn lt_select(self, o: F2, a: F2, b: F2) -> F2 {
            F2(v128_bitselect(a.0, b.0, f64x2_lt(self.0, o.0)))
        }
        /// per lane: o < self ? o : self — so self when either is NaN (wasm `pmin`: one
        /// `minpd` in V8, where a NaN test and a select take four instructions)
        #[inline(always)]
        pub fn pmin(self, o: F2) -> F2 {
            F2(f64x2_pmin(self.0, o.0))
        }
        /// per lane: self < o ? o : self (wasm `pmax`, one `maxpd` in V8)
        #[inline(always)]
        pub fn pmax(self, o: F2) -> F2 {
            F2(f64x2_pmax(self.0, o.0))
        }
        /// whether self < o in some lane
        #[inline(always)]
        pub fn any_lt(self, o: F2) -> bool {
            v128_any_true(f64x2_lt(self.0, o.0))
        }
        /// whether self < o in both lanes
        #[inline(always)]
        pub fn all_lt(self, o: F2) -> bool {
            i64x2_all_true(f64x2_lt(self.0, o.0))
        }
    }

    impl std::ops::Add for F2 {
        type Output = F2;
        #[inline(always)]
        fn add(self, o: F2) -> F2 {
            F2(f64x2_add(self.0, o.0))
        }
    }

    impl std::ops::Sub for F2 {
        type Output = F2;
        #[inline(always)]
        fn sub(self, o: F2) -> F2 {
            F2(f64x2_sub(self.0, o.0))
        }
    }

    impl std::ops::Mul for F2 {
        type Output = F2;
        #[inline(always)]
        fn mul(self, o: F2) -> F2 {
            F2(f64x2_mul(self.0, o.0))
        }
    }

    impl std::ops::Div for F2 {
        type Output = F2;
        #[inline(always)]
        fn div(self, o: F2) -> F2 {
            F2(f64x2_div(self.0, o.0))
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use core::arch::x86_64::*;

    #[derive(Clone, Copy)]
    pub struct F2(__m128d);

    impl F2 {
        #[inline(always)]
        pub fn new(a: f64, b: f64) -> F2 {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_set_pd(b, a)) }
        }
        #[inline(always)]
        pub fn splat(a: f64) -> F2 {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_set1_pd(a)) }
        }
        #[inline(always)]
        pub fn kept(a: f64) -> F2 {
            F2::splat(a)
        }
        #[inline(always)]
        pub fn and_bits(self, o: F2) -> F2 {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_and_pd(self.0, o.0)) }
        }
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe {
                [
                    _mm_cvtsd_f64(self.0),
                    _mm_cvtsd_f64(_mm_unpackhi_pd(self.0, self.0)),
                ]
            }
        }
        /// s[0], s[1] in one load
        #[inline(always)]
        pub fn load(s: &[f64; 2]) -> F2 {
            // SAFETY: s is two f64s, 16 readable bytes; _mm_loadu_pd takes any alignment.
            unsafe { F2(_mm_loadu_pd(s.as_ptr())) }
        }
        /// s[0], s[1] = the lanes, in one store
        #[inline(always)]
        pub fn store(self, s: &mut [f64; 2]) {
            // SAFETY: s is two f64s, 16 writable bytes; _mm_storeu_pd takes any alignment.
            unsafe { _mm_storeu_pd(s.as_mut_ptr(), self.0) }
        }
        #[inline(always)]
        pub fn or_bits(self, o: F2) -> F2 {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_or_pd(self.0, o.0)) }
        }
        #[inline(always)]
        pub fn lt_select(self, o: F2, a: F2, b: F2) -> F2 {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { select(_mm_cmplt_pd(self.0, o.0), a, b) }
        }
        #[inline(always)]
        pub fn pmin(self, o: F2) -> F2 {
            // `minpd(x, y)` is x < y ? x : y, else y (y too when either is NaN)
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_min_pd(o.0, self.0)) }
        }
        #[inline(always)]
        pub fn pmax(self, o: F2) -> F2 {
            // `maxpd(x, y)` is x > y ? x : y, else y
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_max_pd(o.0, self.0)) }
        }
        #[inline(always)]
        pub fn any_lt(self, o: F2) -> bool {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { _mm_movemask_pd(_mm_cmplt_pd(self.0, o.0)) != 0 }
        }
        #[inline(always)]
        pub fn all_lt(self, o: F2) -> bool {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { _mm_movemask_pd(_mm_cmplt_pd(self.0, o.0)) == 0b11 }
        }
    }

    #[inline(always)]
    fn select(mask: __m128d, a: F2, b: F2) -> F2 {
        // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
        unsafe { F2(_mm_or_pd(_mm_and_pd(mask, a.0), _mm_andnot_pd(mask, b.0))) }
    }

    impl std::ops::Add for F2 {
        type Output = F2;
        #[inline(always)]
        fn add(self, o: F2) -> F2 {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_add_pd(self.0, o.0)) }
        }
    }

    impl std::ops::Sub for F2 {
        type Output = F2;
        #[inline(always)]
        fn sub(self, o: F2) -> F2 {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_sub_pd(self.0, o.0)) }
        }
    }

    impl std::ops::Mul for F2 {
        type Output = F2;
        #[inline(always)]
        fn mul(self, o: F2) -> F2 {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_mul_pd(self.0, o.0)) }
        }
    }

    impl std::ops::Div for F2 {
        type Output = F2;
        #[inline(always)]
        fn div(self, o: F2) -> F2 {
            // SAFETY: SSE2 is part of the x86-64 baseline: every such CPU has it.
            unsafe { F2(_mm_div_pd(self.0, o.0)) }
        }
    }
}

#[cfg(not(any(
    all(target_arch = "wasm32", target_feature = "simd128"),
    target_arch = "x86_64"
)))]
mod imp {
    #[derive(Clone, Copy)]
    pub struct F2([f64; 2]);

    impl F2 {
        #[inline(always)]
        pub fn new(a: f64, b: f64) -> F2 {
            F2([a, b])
        }
        #[inline(always)]
        pub fn splat(a: f64) -> F2 {
            F2([a, a])
        }
        #[inline(always)]
        pub fn kept(a: f64) -> F2 {
            F2::splat(a)
        }
        #[inline(always)]
        pub fn and_bits(self, o: F2) -> F2 {
            self.map(o, |a, b| f64::from_bits(a.to_bits() & b.to_bits()))
        }
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            self.0
        }
        #[inline(always)]
        pub fn load(s: &[f64; 2]) -> F2 {
            F2(*s)
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f64; 2]) {
            *s = self.0;
        }
        #[inline(always)]
        fn map(self, o: F2, f: impl Fn(f64, f64) -> f64) -> F2 {
            F2([f(self.0[0], o.0[0]), f(self.0[1], o.0[1])])
        }
        #[inline(always)]
        pub fn or_bits(self, o: F2) -> F2 {
            self.map(o, |a, b| f64::from_bits(a.to_bits() | b.to_bits()))
        }
        #[inline(always)]
        pub fn lt_select(self, o: F2, a: F2, b: F2) -> F2 {
            let pick = |i: usize| if self.0[i] < o.0[i] { a.0[i] } else { b.0[i] };
            F2([pick(0), pick(1)])
        }
        #[inline(always)]
        pub fn pmin(self, o: F2) -> F2 {
            let pick = |i: usize| {
                if o.0[i] < self.0[i] {
                    o.0[i]
                } else {
                    self.0[i]
                }
            };
            F2([pick(0), pick(1)])
        }
        #[inline(always)]
        pub fn pmax(self, o: F2) -> F2 {
            let pick = |i: usize| {
                if self.0[i] < o.0[i] {
                    o.0[i]
                } else {
                    self.0[i]
                }
            };
            F2([pick(0), pick(1)])
        }
        #[inline(always)]
        pub fn any_lt(self, o: F2) -> bool {
            self.0[0] < o.0[0] || self.0[1] < o.0[1]
        }
        #[inline(always)]
        pub fn all_lt(self, o: F2) -> bool {
            self.0[0] < o.0[0] && self.0[1] < o.0[1]
        }
    }

    impl std::ops::Add for F2 {
        type Output = F2;
        #[inline(always)]
        fn add(self, o: F2) -> F2 {
            self.map(o, |a, b| a + b)
        }
    }

    impl std::ops::Sub for F2 {
        type Output = F2;
        #[inline(always)]
        fn sub(self, o: F2) -> F2 {
            self.map(o, |a, b| a - b)
        }
    }

    impl std::ops::Mul for F2 {
        type Output = F2;
        #[inline(always)]
        fn mul(self, o: F2) -> F2 {
            self.map(o, |a, b| a * b)
        }
    }

    impl std::ops::Div for F2 {
        type Output = F2;
        #[inline(always)]
        fn div(self, o: F2) -> F2 {
            self.map(o, |a, b| a / b)
        }
    }
}

pub use imp::F2;

/// Whether every number of `s` is finite: v − v is 0 for a finite v and NaN for NaN or ±∞,
/// and a sum of such terms is 0 or NaN whatever its order — so it is taken eight numbers at a
/// time, in four sums of two lanes that do not wait for each other, without the early exit
/// that kept `iter().all(is_finite)` one number at a time (the race checks every Z, A, δ and
/// parameter of every batch).
#[allow(clippy::eq_op)] // v − v is the test: 0 or NaN
#[inline(never)] // one copy for its many callers: the loop, not the call, takes the time
pub fn all_finite(s: &[f64]) -> bool {
    let eights = s.chunks_exact(8);
    let rest = eights.remainder().iter().map(|&v| v - v).sum::<f64>();
    let mut acc = [F2::splat(0.0); 4];
    for eight in eights {
        for (acc, pair) in acc.iter_mut().zip(eight.chunks_exact(2)) {
            let v = F2::load(pair.try_into().expect("two numbers"));
            *acc = *acc + (v - v);
        }
    }
    let [a, b] = ((acc[0] + acc[1]) + (acc[2] + acc[3])).lanes();
    !(a + b + rest).is_nan()
}

#[cfg(test)]
mod tests;
