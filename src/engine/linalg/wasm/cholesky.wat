;; Cholesky–Banachiewicz factorisation A = L Lᵀ with f64x2 SIMD (compiled by scripts/build-wasm.mjs).
;;
;; A is n × n, row-major, at byte offset $a; only its lower triangle is read and overwritten by L.
;; Every inner product Σ_{k<j} L[i][k]·L[j][k] runs along two contiguous rows with two lanes: lane 0
;; sums the even k, lane 1 the odd k, from +0, one rounded multiply and one rounded add per term; an odd
;; last k goes to lane 0; the product is lane 0 + lane 1, subtracted from A[i][j]. Four entries j … j+3
;; of row i share the loads of L[i][k]; the small triangle inside the block (k = j … j+2) follows in
;; order. cholesky.ts's JS loop performs exactly these roundings in this order (base SIMD has no FMA,
;; and none is used), so both give bit-identical results. Returns 1, or 0 when A is not numerically
;; positive definite (a pivot ≤ 0, NaN or infinite; A is then partially overwritten).
(module
  (memory (export "memory") 1)

  ;; The paired dot product of the rows at byte offsets $x and $y over k < $count, as lane0 + lane1.
  (func $dot (param $x i32) (param $y i32) (param $count i32) (result f64)
    (local $acc v128) (local $kb i32) (local $pairEnd i32) (local $s f64)
    (local.set $acc (v128.const f64x2 0 0))
    (local.set $pairEnd (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $kb (i32.const 0))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $kb) (local.get $pairEnd)))
        (local.set $acc (f64x2.add (local.get $acc)
          (f64x2.mul (v128.load (i32.add (local.get $x) (local.get $kb)))
                     (v128.load (i32.add (local.get $y) (local.get $kb))))))
        (local.set $kb (i32.add (local.get $kb) (i32.const 16)))
        (br $pairs)))
    (local.set $s (f64x2.extract_lane 0 (local.get $acc)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $x) (local.get $pairEnd)))
                   (f64.load (i32.add (local.get $y) (local.get $pairEnd))))))))
    (f64.add (local.get $s) (f64x2.extract_lane 1 (local.get $acc))))

  (func (export "cholesky") (param $a i32) (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $rowBytes i32) (local $ri i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $kb i32) (local $pairEnd i32) (local $jb i32)
    (local $x v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $xt f64) (local $l f64) (local $d f64)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $doneI
      (loop $rowsI
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $ri (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $j (i32.const 0))
        ;; Blocks of four entries j … j+3 < i.
        (block $doneBlocks
          (loop $blocks
            (br_if $doneBlocks (i32.ge_u (i32.add (local.get $j) (i32.const 3)) (local.get $i)))
            (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $r1 (i32.add (local.get $r0) (local.get $rowBytes)))
            (local.set $r2 (i32.add (local.get $r1) (local.get $rowBytes)))
            (local.set $r3 (i32.add (local.get $r2) (local.get $rowBytes)))
            (local.set $c0 (v128.const f64x2 0 0)) (local.set $c1 (v128.const f64x2 0 0))
            (local.set $c2 (v128.const f64x2 0 0)) (local.set $c3 (v128.const f64x2 0 0))
            (local.set $pairEnd (i32.shl (i32.and (local.get $j) (i32.const -2)) (i32.const 3)))
            (local.set $kb (i32.const 0))
            (block $donePairs
              (loop $pairs
                (br_if $donePairs (i32.ge_u (local.get $kb) (local.get $pairEnd)))
                (local.set $x (v128.load (i32.add (local.get $ri) (local.get $kb))))
                (local.set $c0 (f64x2.add (local.get $c0)
                  (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r0) (local.get $kb))))))
                (local.set $c1 (f64x2.add (local.get $c1)
                  (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r1) (local.get $kb))))))
                (local.set $c2 (f64x2.add (local.get $c2)
                  (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r2) (local.get $kb))))))
                (local.set $c3 (f64x2.add (local.get $c3)
                  (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $r3) (local.get $kb))))))
                (local.set $kb (i32.add (local.get $kb) (i32.const 16)))
                (br $pairs)))
            (local.set $s0 (f64x2.extract_lane 0 (local.get $c0)))
            (local.set $s1 (f64x2.extract_lane 0 (local.get $c1)))
            (local.set $s2 (f64x2.extract_lane 0 (local.get $c2)))
            (local.set $s3 (f64x2.extract_lane 0 (local.get $c3)))
            (if (i32.and (local.get $j) (i32.const 1))
              (then
                (local.set $xt (f64.load (i32.add (local.get $ri) (local.get $pairEnd))))
                (local.set $s0 (f64.add (local.get $s0)
                  (f64.mul (local.get $xt) (f64.load (i32.add (local.get $r0) (local.get $pairEnd))))))
                (local.set $s1 (f64.add (local.get $s1)
                  (f64.mul (local.get $xt) (f64.load (i32.add (local.get $r1) (local.get $pairEnd))))))
                (local.set $s2 (f64.add (local.get $s2)
                  (f64.mul (local.get $xt) (f64.load (i32.add (local.get $r2) (local.get $pairEnd))))))
                (local.set $s3 (f64.add (local.get $s3)
                  (f64.mul (local.get $xt) (f64.load (i32.add (local.get $r3) (local.get $pairEnd))))))))
            (local.set $jb (i32.shl (local.get $j) (i32.const 3)))
            (local.set $s0 (f64.sub (f64.load (i32.add (local.get $ri) (local.get $jb)))
              (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $c0)))))
            (local.set $s1 (f64.sub (f64.load offset=8 (i32.add (local.get $ri) (local.get $jb)))
              (f64.add (local.get $s1) (f64x2.extract_lane 1 (local.get $c1)))))
            (local.set $s2 (f64.sub (f64.load offset=16 (i32.add (local.get $ri) (local.get $jb)))
              (f64.add (local.get $s2) (f64x2.extract_lane 1 (local.get $c2)))))
            (local.set $s3 (f64.sub (f64.load offset=24 (i32.add (local.get $ri) (local.get $jb)))
              (f64.add (local.get $s3) (f64x2.extract_lane 1 (local.get $c3)))))
            ;; The small triangle, in order.
            (local.set $l (f64.div (local.get $s0) (f64.load (i32.add (local.get $r0) (local.get $jb)))))
            (f64.store (i32.add (local.get $ri) (local.get $jb)) (local.get $l))
            (local.set $s1 (f64.sub (local.get $s1) (f64.mul (local.get $l) (f64.load (i32.add (local.get $r1) (local.get $jb))))))
            (local.set $s2 (f64.sub (local.get $s2) (f64.mul (local.get $l) (f64.load (i32.add (local.get $r2) (local.get $jb))))))
            (local.set $s3 (f64.sub (local.get $s3) (f64.mul (local.get $l) (f64.load (i32.add (local.get $r3) (local.get $jb))))))
            (local.set $l (f64.div (local.get $s1) (f64.load offset=8 (i32.add (local.get $r1) (local.get $jb)))))
            (f64.store offset=8 (i32.add (local.get $ri) (local.get $jb)) (local.get $l))
            (local.set $s2 (f64.sub (local.get $s2) (f64.mul (local.get $l) (f64.load offset=8 (i32.add (local.get $r2) (local.get $jb))))))
            (local.set $s3 (f64.sub (local.get $s3) (f64.mul (local.get $l) (f64.load offset=8 (i32.add (local.get $r3) (local.get $jb))))))
            (local.set $l (f64.div (local.get $s2) (f64.load offset=16 (i32.add (local.get $r2) (local.get $jb)))))
            (f64.store offset=16 (i32.add (local.get $ri) (local.get $jb)) (local.get $l))
            (local.set $s3 (f64.sub (local.get $s3) (f64.mul (local.get $l) (f64.load offset=16 (i32.add (local.get $r3) (local.get $jb))))))
            (f64.store offset=24 (i32.add (local.get $ri) (local.get $jb))
              (f64.div (local.get $s3) (f64.load offset=24 (i32.add (local.get $r3) (local.get $jb)))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $blocks)))
        ;; The remaining entries j < i one at a time.
        (block $doneSingles
          (loop $singles
            (br_if $doneSingles (i32.ge_u (local.get $j) (local.get $i)))
            (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $jb (i32.shl (local.get $j) (i32.const 3)))
            (f64.store (i32.add (local.get $ri) (local.get $jb))
              (f64.div
                (f64.sub (f64.load (i32.add (local.get $ri) (local.get $jb)))
                         (call $dot (local.get $ri) (local.get $r0) (local.get $j)))
                (f64.load (i32.add (local.get $r0) (local.get $jb)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $singles)))
        ;; The diagonal.
        (local.set $jb (i32.shl (local.get $i) (i32.const 3)))
        (local.set $d (f64.sub (f64.load (i32.add (local.get $ri) (local.get $jb)))
                               (call $dot (local.get $ri) (local.get $ri) (local.get $i))))
        (if (i32.eqz (i32.and (f64.gt (local.get $d) (f64.const 0)) (f64.lt (local.get $d) (f64.const inf))))
          (then (return (i32.const 0))))
        (f64.store (i32.add (local.get $ri) (local.get $jb)) (f64.sqrt (local.get $d)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowsI)))
    (i32.const 1)))
