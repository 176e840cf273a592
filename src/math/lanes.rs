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

#[cfg(test)]
mod tests {
    use super::F2;

    // each lane is the f64 operation: worked by hand on exact binary fractions, and the bits
    // of a rounding case (0.1 + 0.2 = 0.30000000000000004) as plain f64 gives them
    #[test]
    fn lanes_are_the_f64_operations() {
        let (a, b) = (F2::new(1.5, 0.1), F2::new(0.25, 0.2));
        assert_eq!((a + b).lanes(), [1.75, 0.30000000000000004]);
        assert_eq!((a - b).lanes(), [1.25, 0.1 - 0.2]);
        assert_eq!((a * b).lanes(), [0.375, 0.1 * 0.2]);
        assert_eq!((a / b).lanes(), [6.0, 0.5]);
        let abs = F2::kept(f64::from_bits(!(1 << 63)));
        assert_eq!(F2::new(-2.0, 3.0).and_bits(abs).lanes(), [2.0, 3.0]);
        assert_eq!(F2::kept(-0.5).lanes(), [-0.5, -0.5]);
        assert_eq!(
            F2::splat(2.0).or_bits(F2::new(-0.0, 0.0)).lanes(),
            [-2.0, 2.0]
        );
        let (yes, no) = (F2::splat(1.0), F2::splat(0.0));
        assert_eq!(a.lt_select(b, yes, no).lanes(), [0.0, 1.0]);
        let nan = F2::new(f64::NAN, 3.0);
        assert_eq!(nan.lt_select(F2::splat(9.0), yes, no).lanes(), [0.0, 1.0]);
        let pmin = nan.pmin(F2::new(1.0, 2.0)).lanes();
        assert_eq!(
            [pmin[0].to_bits(), pmin[1].to_bits()],
            [f64::NAN.to_bits(), 2.0f64.to_bits()]
        );
        assert_eq!(
            F2::new(-0.0, 0.0)
                .pmin(F2::new(0.0, -0.0))
                .lanes()
                .map(f64::to_bits),
            [(-0.0f64).to_bits(), 0]
        );
        let signed_nan = f64::from_bits(f64::NAN.to_bits() | 5);
        assert_eq!(
            F2::splat(signed_nan).pmin(F2::splat(1.0)).lanes()[1].to_bits(),
            signed_nan.to_bits()
        );
        assert_eq!(F2::splat(1.0).pmin(F2::splat(f64::NAN)).lanes(), [1.0, 1.0]);
        assert_eq!(F2::new(1.0, 3.0).pmax(F2::splat(2.0)).lanes(), [2.0, 3.0]);
        assert_eq!(F2::new(1.0, 3.0).pmin(F2::splat(2.0)).lanes(), [1.0, 2.0]);
        let pmax = F2::new(f64::NAN, 0.0).pmax(F2::new(1.0, -0.0)).lanes();
        assert_eq!([pmax[0].is_nan(), pmax[1].to_bits() == 0], [true, true]);
        assert_eq!(F2::splat(1.0).pmax(F2::splat(f64::NAN)).lanes(), [1.0, 1.0]);
        assert!(nan.any_lt(F2::splat(4.0)) && !nan.any_lt(F2::splat(3.0)));
        assert!(!nan.all_lt(F2::splat(4.0)) && F2::new(1.0, 2.0).all_lt(F2::splat(3.0)));
        assert!(!F2::new(1.0, 3.0).all_lt(F2::splat(3.0)));
    }
}
