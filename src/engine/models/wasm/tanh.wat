;; tanh over a layer with f64x2 SIMD (compiled by scripts/build-wasm.mjs): a[i] = tanh(z[i]), s[i] = 1 − a[i]²,
;; bit for bit what src/engine/math/hyperbolic.ts tanh (fdlibm's s_tanh.c on s_expm1.c, see exp.ts)
;; returns, so the JS and SIMD paths of the MLP give the same records (tests/unit/models.wasm.test.ts).
;;
;; The scalar code branches; here every lane computes the one expm1 argument it needs and the branches
;; become selects. tanh only calls expm1 on y = 2|x| ∈ [2, 44) (|x| ≥ 1) or y = −2|x| ∈ (−2, −2^-54]
;; (2^-55 ≤ |x| < 1), so of expm1's cases only these occur:
;;   |y| ≤ ln2/2 → k = 0;  ln2/2 < |y| < 1.5 ln2 (y < 0 only) → k = −1;  else k = trunc(y/ln2 ± ½) ∈ [−3, 63],
;; and its results by k: k = 0, k = −1, k ≤ −2 or k > 56, 2 ≤ k < 20, 20 ≤ k ≤ 56. The reduction
;; hi = y − k·LN2_HI, lo = k·LN2_LO gives for k = ±1 exactly fdlibm's y ∓ LN2_HI, ±LN2_LO, and for k = 0
;; y, 0 (c = 0). Every operation is an IEEE double + − × ÷ (no FMA), in the scalar code's order.
;;
;; z, a, s are byte offsets of n doubles each, 16-byte aligned; n is rounded up to even (the caller pads).
(module
  (memory (export "memory") 1)

  (func (export "tanhLayer") (param $z i32) (param $a i32) (param $s i32) (param $n i32)
    (local $end i32)
    (local $x v128) (local $ax v128) (local $negative v128) (local $large v128) (local $y v128)
    (local $k v128) (local $hi v128) (local $lo v128) (local $xr v128) (local $c v128)
    (local $hfx v128) (local $hxs v128) (local $r1 v128) (local $t v128) (local $e v128) (local $e1 v128)
    (local $pow v128) (local $powNeg v128) (local $ki v128) (local $result v128) (local $q v128)
    (local $tanh v128)
    (local.set $end (i32.add (local.get $z) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $z) (local.get $end)))
        (local.set $x (v128.load (local.get $z)))
        (local.set $ax (f64x2.abs (local.get $x)))
        (local.set $negative (f64x2.lt (local.get $x) (v128.const f64x2 0 0)))
        ;; |x| ≥ 1: y = 2|x|; else y = −2|x| (both exact)
        (local.set $large (f64x2.ge (local.get $ax) (v128.const f64x2 1 1)))
        (local.set $y (v128.bitselect
          (f64x2.mul (v128.const f64x2 2 2) (local.get $ax))
          (f64x2.mul (v128.const f64x2 -2 -2) (local.get $ax))
          (local.get $large)))
        ;; ---- expm1(y) ----
        ;; k = trunc(INV_LN2·y ± ½), then −1 in the band ln2/2 < |y| < 1.5 ln2 and 0 below it
        (local.set $k (f64x2.trunc (f64x2.add
          (f64x2.mul (v128.const f64x2 1.442695040888963387 1.442695040888963387) (local.get $y))
          (v128.bitselect (v128.const f64x2 0.5 0.5) (v128.const f64x2 -0.5 -0.5) (local.get $large)))))
        ;; BELOW_1P5_LN2 = 0x3ff0a2b2 00000000, ABOVE_HALF_LN2 = 0x3fd62e43 00000000
        (local.set $k (v128.bitselect
          (v128.const f64x2 -1 -1)
          (local.get $k)
          (f64x2.lt (f64x2.abs (local.get $y)) (v128.const i64x2 0x3ff0a2b200000000 0x3ff0a2b200000000))))
        (local.set $k (v128.bitselect
          (v128.const f64x2 0 0)
          (local.get $k)
          (f64x2.lt (f64x2.abs (local.get $y)) (v128.const i64x2 0x3fd62e4300000000 0x3fd62e4300000000))))
        (local.set $hi (f64x2.sub (local.get $y)
          (f64x2.mul (local.get $k) (v128.const f64x2 6.9314718036912381649e-1 6.9314718036912381649e-1))))
        (local.set $lo
          (f64x2.mul (local.get $k) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)))
        (local.set $xr (f64x2.sub (local.get $hi) (local.get $lo)))
        (local.set $c (f64x2.sub (f64x2.sub (local.get $hi) (local.get $xr)) (local.get $lo)))
        (local.set $hfx (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $xr)))
        (local.set $hxs (f64x2.mul (local.get $xr) (local.get $hfx)))
        ;; r1 = 1 + hxs·(Q1 + hxs·(Q2 + hxs·(Q3 + hxs·(Q4 + hxs·Q5))))
        (local.set $r1 (f64x2.mul (local.get $hxs)
          (v128.const f64x2 -2.01099218183624371326e-7 -2.01099218183624371326e-7)))
        (local.set $r1 (f64x2.mul (local.get $hxs) (f64x2.add
          (v128.const f64x2 4.00821782732936239552e-6 4.00821782732936239552e-6) (local.get $r1))))
        (local.set $r1 (f64x2.mul (local.get $hxs) (f64x2.add
          (v128.const f64x2 -7.93650757867487942473e-5 -7.93650757867487942473e-5) (local.get $r1))))
        (local.set $r1 (f64x2.mul (local.get $hxs) (f64x2.add
          (v128.const f64x2 1.58730158725481460165e-3 1.58730158725481460165e-3) (local.get $r1))))
        (local.set $r1 (f64x2.mul (local.get $hxs) (f64x2.add
          (v128.const f64x2 -3.33333333333331316428e-2 -3.33333333333331316428e-2) (local.get $r1))))
        (local.set $r1 (f64x2.add (v128.const f64x2 1 1) (local.get $r1)))
        ;; t = 3 − r1·hfx; e = hxs·((r1 − t)/(6 − x·t))
        (local.set $t (f64x2.sub (v128.const f64x2 3 3) (f64x2.mul (local.get $r1) (local.get $hfx))))
        (local.set $e (f64x2.mul (local.get $hxs) (f64x2.div
          (f64x2.sub (local.get $r1) (local.get $t))
          (f64x2.sub (v128.const f64x2 6 6) (f64x2.mul (local.get $xr) (local.get $t))))))
        ;; 2^k and 2^−k from the exponent field: ((±k + 1023) << 52)
        (local.set $ki (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))))
        (local.set $pow (i64x2.shl (i64x2.add (local.get $ki) (v128.const i64x2 1023 1023)) (i32.const 52)))
        (local.set $powNeg (i64x2.shl (i64x2.sub (v128.const i64x2 1023 1023) (local.get $ki)) (i32.const 52)))
        ;; k ≠ 0: e = x·(e − c) − c; e −= hxs
        (local.set $e1 (f64x2.sub
          (f64x2.sub (f64x2.mul (local.get $xr) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c))
          (local.get $hxs)))
        ;; 20 ≤ k ≤ 56: (x − (e + 2^−k) + 1)·2^k
        (local.set $result (f64x2.mul
          (f64x2.add (f64x2.sub (local.get $xr) (f64x2.add (local.get $e1) (local.get $powNeg))) (v128.const f64x2 1 1))
          (local.get $pow)))
        ;; 2 ≤ k < 20: ((1 − 2^−k) − (e − x))·2^k
        (local.set $result (v128.bitselect
          (f64x2.mul
            (f64x2.sub (f64x2.sub (v128.const f64x2 1 1) (local.get $powNeg))
                       (f64x2.sub (local.get $e1) (local.get $xr)))
            (local.get $pow))
          (local.get $result)
          (f64x2.lt (local.get $k) (v128.const f64x2 20 20))))
        ;; k ≤ −2 or k > 56: (1 − (e − x))·2^k − 1
        (local.set $result (v128.bitselect
          (f64x2.sub
            (f64x2.mul (f64x2.sub (v128.const f64x2 1 1) (f64x2.sub (local.get $e1) (local.get $xr))) (local.get $pow))
            (v128.const f64x2 1 1))
          (local.get $result)
          (v128.or
            (f64x2.le (local.get $k) (v128.const f64x2 -2 -2))
            (f64x2.gt (local.get $k) (v128.const f64x2 56 56)))))
        ;; k = −1: ½(x − e) − ½
        (local.set $result (v128.bitselect
          (f64x2.sub
            (f64x2.mul (v128.const f64x2 0.5 0.5) (f64x2.sub (local.get $xr) (local.get $e1)))
            (v128.const f64x2 0.5 0.5))
          (local.get $result)
          (f64x2.eq (local.get $k) (v128.const f64x2 -1 -1))))
        ;; k = 0: x − (x·e − hxs)
        (local.set $result (v128.bitselect
          (f64x2.sub (local.get $xr) (f64x2.sub (f64x2.mul (local.get $xr) (local.get $e)) (local.get $hxs)))
          (local.get $result)
          (f64x2.eq (local.get $k) (v128.const f64x2 0 0))))
        ;; ---- tanh from t = expm1(y): |x| ≥ 1: 1 − 2/(t + 2); else −t/(t + 2) ----
        (local.set $q (f64x2.div
          (v128.bitselect (v128.const f64x2 2 2) (f64x2.neg (local.get $result)) (local.get $large))
          (f64x2.add (local.get $result) (v128.const f64x2 2 2))))
        (local.set $tanh (v128.bitselect
          (f64x2.sub (v128.const f64x2 1 1) (local.get $q))
          (local.get $q)
          (local.get $large)))
        (local.set $tanh (v128.bitselect (f64x2.neg (local.get $tanh)) (local.get $tanh) (local.get $negative)))
        ;; |x| ≥ 22 (or ∞): ±1; NaN: x; |x| < 2^-55: x (keeps −0)
        (local.set $tanh (v128.bitselect
          (v128.bitselect (v128.const f64x2 -1 -1) (v128.const f64x2 1 1) (local.get $negative))
          (local.get $tanh)
          (f64x2.ge (local.get $ax) (v128.const f64x2 22 22))))
        (local.set $tanh (v128.bitselect
          (local.get $x)
          (local.get $tanh)
          (v128.or
            (f64x2.ne (local.get $x) (local.get $x))
            (f64x2.lt (local.get $ax) (v128.const f64x2 2.7755575615628914e-17 2.7755575615628914e-17)))))
        (v128.store (local.get $a) (local.get $tanh))
        (v128.store (local.get $s)
          (f64x2.sub (v128.const f64x2 1 1) (f64x2.mul (local.get $tanh) (local.get $tanh))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (br $pairs))))
)
