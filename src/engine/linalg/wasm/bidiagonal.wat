;; The O(k³) updates of the Golub–Kahan bidiagonalisation (bidiagonal.ts) with f64x2 SIMD, compiled by
;; scripts/build-wasm.mjs. T is k × k, row-major, at byte offset $a; w (length k) at byte offset $w.
;; Step j, left reflector v (v_j = 1 implicit, v_i = T[i][j] for i > j) with scalar τ_l:
;;   "left":  w[c] = T[j][c] + Σ_{i>j} v_i T[i][c] for c > j, the rows four at a time
;;            (w + (((v_i T_i + v_{i+1} T_{i+1}) + v_{i+2} T_{i+2}) + v_{i+3} T_{i+3})), the last rows one by one;
;;            then w[c] ·= τ_l and T[j][c] −= w[c].
;;   "rows":  for every row i > j: T[i][c] −= v_i w[c] (c > j) when τ_l ≠ 0; then, for the right reflector
;;            u (u_{j+1} = 1 implicit, u_c = T[j][c] for c > j+1) with τ_r ≠ 0:
;;            s = (T[i][j+1] + dot)·τ_r, dot = Σ_{c>j+1} T[i][c] u_c in two lanes (lane 0 the columns
;;            j+2, j+4, …, lane 1 the others, from +0; an odd last column joins lane 0, then lane 1 is
;;            added); T[i][j+1] −= s; T[i][c] −= s·u_c.
;; Everything columnwise is one lane per column, so the JS loop of bidiagonal.ts, which performs these
;; roundings in this order (no FMA), gives the same bits.
(module
  (memory (export "memory") 1)

  (func (export "left") (param $a i32) (param $k i32) (param $j i32) (param $w i32) (param $tau f64)
    (local $rowBytes i32) (local $count i32) (local $pairEnd i32) (local $first i32) (local $wj i32)
    (local $i i32) (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $kb i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $t v128) (local $x v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $count (i32.sub (i32.sub (local.get $k) (local.get $j)) (i32.const 1)))
    (local.set $pairEnd (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    ;; $first: byte offset of column j+1 within a row; $wj: address of w[j+1].
    (local.set $first (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 3)))
    (local.set $wj (i32.add (local.get $w) (local.get $first)))
    (local.set $p0 (i32.add (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $rowBytes))) (local.get $first)))
    (memory.copy (local.get $wj) (local.get $p0) (i32.shl (local.get $count) (i32.const 3)))
    (local.set $i (i32.add (local.get $j) (i32.const 1)))
    (block $doneQuads
      (loop $quads
        (br_if $doneQuads (i32.ge_u (i32.add (local.get $i) (i32.const 3)) (local.get $k)))
        (local.set $p0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $p1 (i32.add (local.get $p0) (local.get $rowBytes)))
        (local.set $p2 (i32.add (local.get $p1) (local.get $rowBytes)))
        (local.set $p3 (i32.add (local.get $p2) (local.get $rowBytes)))
        (local.set $v0 (f64x2.splat (f64.load (i32.add (local.get $p0) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $v1 (f64x2.splat (f64.load (i32.add (local.get $p1) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $v2 (f64x2.splat (f64.load (i32.add (local.get $p2) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $v3 (f64x2.splat (f64.load (i32.add (local.get $p3) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $p0 (i32.add (local.get $p0) (local.get $first)))
        (local.set $p1 (i32.add (local.get $p1) (local.get $first)))
        (local.set $p2 (i32.add (local.get $p2) (local.get $first)))
        (local.set $p3 (i32.add (local.get $p3) (local.get $first)))
        (local.set $kb (i32.const 0))
        (block $donePairs
          (loop $pairs
            (br_if $donePairs (i32.ge_u (local.get $kb) (local.get $pairEnd)))
            (local.set $t (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $p0) (local.get $kb)))))
            (local.set $t (f64x2.add (local.get $t) (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $p1) (local.get $kb))))))
            (local.set $t (f64x2.add (local.get $t) (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $p2) (local.get $kb))))))
            (local.set $t (f64x2.add (local.get $t) (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $p3) (local.get $kb))))))
            (v128.store (i32.add (local.get $wj) (local.get $kb))
              (f64x2.add (v128.load (i32.add (local.get $wj) (local.get $kb))) (local.get $t)))
            (local.set $kb (i32.add (local.get $kb) (i32.const 16)))
            (br $pairs)))
        (if (i32.and (local.get $count) (i32.const 1))
          (then
            (local.set $t (f64x2.mul (local.get $v0) (v128.load64_splat (i32.add (local.get $p0) (local.get $pairEnd)))))
            (local.set $t (f64x2.add (local.get $t) (f64x2.mul (local.get $v1) (v128.load64_splat (i32.add (local.get $p1) (local.get $pairEnd))))))
            (local.set $t (f64x2.add (local.get $t) (f64x2.mul (local.get $v2) (v128.load64_splat (i32.add (local.get $p2) (local.get $pairEnd))))))
            (local.set $t (f64x2.add (local.get $t) (f64x2.mul (local.get $v3) (v128.load64_splat (i32.add (local.get $p3) (local.get $pairEnd))))))
            (f64.store (i32.add (local.get $wj) (local.get $pairEnd))
              (f64.add (f64.load (i32.add (local.get $wj) (local.get $pairEnd))) (f64x2.extract_lane 0 (local.get $t))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $quads)))
    ;; The last rows one by one.
    (block $doneSingles
      (loop $singles
        (br_if $doneSingles (i32.ge_u (local.get $i) (local.get $k)))
        (local.set $p0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $v0 (f64x2.splat (f64.load (i32.add (local.get $p0) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $p0 (i32.add (local.get $p0) (local.get $first)))
        (local.set $kb (i32.const 0))
        (block $doneCols
          (loop $cols
            (br_if $doneCols (i32.ge_u (local.get $kb) (i32.shl (local.get $count) (i32.const 3))))
            (f64.store (i32.add (local.get $wj) (local.get $kb))
              (f64.add (f64.load (i32.add (local.get $wj) (local.get $kb)))
                       (f64.mul (f64x2.extract_lane 0 (local.get $v0)) (f64.load (i32.add (local.get $p0) (local.get $kb))))))
            (local.set $kb (i32.add (local.get $kb) (i32.const 8)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $singles)))
    ;; w ·= τ_l; T[j][c] −= w[c].
    (local.set $p0 (i32.add (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $rowBytes))) (local.get $first)))
    (local.set $kb (i32.const 0))
    (block $doneScale
      (loop $scale
        (br_if $doneScale (i32.ge_u (local.get $kb) (i32.shl (local.get $count) (i32.const 3))))
        (local.set $x (f64x2.splat (f64.mul (f64.load (i32.add (local.get $wj) (local.get $kb))) (local.get $tau))))
        (f64.store (i32.add (local.get $wj) (local.get $kb)) (f64x2.extract_lane 0 (local.get $x)))
        (f64.store (i32.add (local.get $p0) (local.get $kb))
          (f64.sub (f64.load (i32.add (local.get $p0) (local.get $kb))) (f64x2.extract_lane 0 (local.get $x))))
        (local.set $kb (i32.add (local.get $kb) (i32.const 8)))
        (br $scale))))

  (func (export "rows") (param $a i32) (param $k i32) (param $j i32) (param $w i32) (param $tl f64) (param $tr f64)
    (local $rowBytes i32) (local $count i32) (local $pairEnd i32) (local $first i32) (local $wj i32)
    (local $count2 i32) (local $pairEnd2 i32) (local $u i32)
    (local $i i32) (local $ri i32) (local $p i32) (local $q i32) (local $kb i32)
    (local $v v128) (local $acc v128) (local $sv v128) (local $s f64)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $count (i32.sub (i32.sub (local.get $k) (local.get $j)) (i32.const 1)))
    (local.set $pairEnd (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $first (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 3)))
    (local.set $wj (i32.add (local.get $w) (local.get $first)))
    (local.set $count2 (i32.sub (local.get $count) (i32.const 1)))
    (local.set $pairEnd2 (i32.shl (i32.and (local.get $count2) (i32.const -2)) (i32.const 3)))
    ;; u_{j+2…}: row j from column j+2.
    (local.set $u (i32.add (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $rowBytes))) (i32.add (local.get $first) (i32.const 8))))
    (local.set $i (i32.add (local.get $j) (i32.const 1)))
    (block $doneRows
      (loop $rowsLoop
        (br_if $doneRows (i32.ge_u (local.get $i) (local.get $k)))
        (local.set $ri (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $p (i32.add (local.get $ri) (local.get $first)))
        (if (f64.ne (local.get $tl) (f64.const 0))
          (then
            (local.set $v (f64x2.splat (f64.load (i32.add (local.get $ri) (i32.shl (local.get $j) (i32.const 3))))))
            (local.set $kb (i32.const 0))
            (block $doneL
              (loop $l
                (br_if $doneL (i32.ge_u (local.get $kb) (local.get $pairEnd)))
                (v128.store (i32.add (local.get $p) (local.get $kb))
                  (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $kb)))
                             (f64x2.mul (local.get $v) (v128.load (i32.add (local.get $wj) (local.get $kb))))))
                (local.set $kb (i32.add (local.get $kb) (i32.const 16)))
                (br $l)))
            (if (i32.and (local.get $count) (i32.const 1))
              (then
                (f64.store (i32.add (local.get $p) (local.get $pairEnd))
                  (f64.sub (f64.load (i32.add (local.get $p) (local.get $pairEnd)))
                           (f64.mul (f64x2.extract_lane 0 (local.get $v)) (f64.load (i32.add (local.get $wj) (local.get $pairEnd))))))))))
        (if (f64.ne (local.get $tr) (f64.const 0))
          (then
            ;; $q: T[i][j+2].
            (local.set $q (i32.add (local.get $p) (i32.const 8)))
            (local.set $acc (v128.const f64x2 0 0))
            (local.set $kb (i32.const 0))
            (block $doneD
              (loop $d
                (br_if $doneD (i32.ge_u (local.get $kb) (local.get $pairEnd2)))
                (local.set $acc (f64x2.add (local.get $acc)
                  (f64x2.mul (v128.load (i32.add (local.get $q) (local.get $kb)))
                             (v128.load (i32.add (local.get $u) (local.get $kb))))))
                (local.set $kb (i32.add (local.get $kb) (i32.const 16)))
                (br $d)))
            (local.set $s (f64x2.extract_lane 0 (local.get $acc)))
            (if (i32.and (local.get $count2) (i32.const 1))
              (then
                (local.set $s (f64.add (local.get $s)
                  (f64.mul (f64.load (i32.add (local.get $q) (local.get $pairEnd2)))
                           (f64.load (i32.add (local.get $u) (local.get $pairEnd2))))))))
            (local.set $s (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $acc))))
            (local.set $s (f64.mul (f64.add (f64.load (local.get $p)) (local.get $s)) (local.get $tr)))
            (f64.store (local.get $p) (f64.sub (f64.load (local.get $p)) (local.get $s)))
            (local.set $sv (f64x2.splat (local.get $s)))
            (local.set $kb (i32.const 0))
            (block $doneR
              (loop $r
                (br_if $doneR (i32.ge_u (local.get $kb) (local.get $pairEnd2)))
                (v128.store (i32.add (local.get $q) (local.get $kb))
                  (f64x2.sub (v128.load (i32.add (local.get $q) (local.get $kb)))
                             (f64x2.mul (local.get $sv) (v128.load (i32.add (local.get $u) (local.get $kb))))))
                (local.set $kb (i32.add (local.get $kb) (i32.const 16)))
                (br $r)))
            (if (i32.and (local.get $count2) (i32.const 1))
              (then
                (f64.store (i32.add (local.get $q) (local.get $pairEnd2))
                  (f64.sub (f64.load (i32.add (local.get $q) (local.get $pairEnd2)))
                           (f64.mul (local.get $s) (f64.load (i32.add (local.get $u) (local.get $pairEnd2))))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowsLoop))))
)
