;; Packed-panel product for gram()/crossGram() with f64x2 SIMD (compiled by scripts/build-wasm.mjs).
;;
;; Operands are the JS kernel's packed panels (see gram.ts): panel q holds columns 4q..4q+3 of an
;; m × p matrix interleaved by point, at byte offset base + (q·m + i)·32. For every 4 × 4 tile
;; (qa, qb) this computes out[4qa + r][4qb + c] = Σ_i A_qa[i][r] · B_qb[i][c], i increasing, from
;; +0, one rounded multiply and one rounded add per term: exactly the JS kernel's operation order,
;; so both give bit-identical results (base SIMD has no FMA, and none is used). `out` is P × P with
;; P = 4·panels (padded, row stride P·8 bytes); the caller copies the in-range entries.
(module
  (memory (export "memory") 1)

  (func (export "product")
    (param $a i32) (param $b i32) (param $m i32) (param $panels i32) (param $symmetric i32) (param $out i32)
    (local $qa i32) (local $qb i32) (local $pa i32) (local $pb i32) (local $end i32)
    (local $panelBytes i32) (local $rowBytes i32) (local $o i32)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $panelBytes (i32.shl (local.get $m) (i32.const 5)))
    (local.set $rowBytes (i32.shl (local.get $panels) (i32.const 5)))
    (local.set $qa (i32.const 0))
    (block $doneA
      (loop $loopA
        (br_if $doneA (i32.ge_u (local.get $qa) (local.get $panels)))
        (local.set $qb (select (local.get $qa) (i32.const 0) (local.get $symmetric)))
        (block $doneB
          (loop $loopB
            (br_if $doneB (i32.ge_u (local.get $qb) (local.get $panels)))
            (local.set $pa (i32.add (local.get $a)
              (i32.mul (local.get $qa) (local.get $panelBytes))))
            (local.set $pb (i32.add (local.get $b)
              (i32.mul (local.get $qb) (local.get $panelBytes))))
            (local.set $end (i32.add (local.get $pa) (local.get $panelBytes)))
            ;; Row 4qa of `out`, column 4qb.
            (local.set $o (i32.add (local.get $out)
              (i32.add (i32.mul (i32.shl (local.get $qa) (i32.const 2)) (local.get $rowBytes))
                       (i32.shl (local.get $qb) (i32.const 5)))))
            (local.set $c00 (v128.const f64x2 0 0)) (local.set $c01 (v128.const f64x2 0 0))
            (local.set $c10 (v128.const f64x2 0 0)) (local.set $c11 (v128.const f64x2 0 0))
            (local.set $c20 (v128.const f64x2 0 0)) (local.set $c21 (v128.const f64x2 0 0))
            (local.set $c30 (v128.const f64x2 0 0)) (local.set $c31 (v128.const f64x2 0 0))
            (block $doneI
              (br_if $doneI (i32.ge_u (local.get $pa) (local.get $end)))
              (loop $loopI
                (local.set $y0 (v128.load (local.get $pb)))
                (local.set $y1 (v128.load offset=16 (local.get $pb)))
                (local.set $x (v128.load64_splat (local.get $pa)))
                (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load64_splat offset=8 (local.get $pa)))
                (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load64_splat offset=16 (local.get $pa)))
                (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $x (v128.load64_splat offset=24 (local.get $pa)))
                (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $pa (i32.add (local.get $pa) (i32.const 32)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
                (br_if $loopI (i32.lt_u (local.get $pa) (local.get $end)))))
            (v128.store (local.get $o) (local.get $c00))
            (v128.store offset=16 (local.get $o) (local.get $c01))
            (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
            (v128.store (local.get $o) (local.get $c10))
            (v128.store offset=16 (local.get $o) (local.get $c11))
            (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
            (v128.store (local.get $o) (local.get $c20))
            (v128.store offset=16 (local.get $o) (local.get $c21))
            (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
            (v128.store (local.get $o) (local.get $c30))
            (v128.store offset=16 (local.get $o) (local.get $c31))
            (local.set $qb (i32.add (local.get $qb) (i32.const 1)))
            (br $loopB)))
        (local.set $qa (i32.add (local.get $qa) (i32.const 1)))
        (br $loopA))))

  ;; Pack a row-major m × p matrix at $src into 4-wide panels at $dst (the layout above), each row scaled
  ;; by w_i (doubles at $w) when $weighted: dst = w_i · J[i][j], one rounded multiply, as gram.ts's pack();
  ;; unweighted, a plain copy (gram.ts multiplies by 1, which returns the same bits). Columns past p are 0.
  (func (export "pack")
    (param $src i32) (param $w i32) (param $dst i32) (param $m i32) (param $p i32) (param $weighted i32)
    (local $q i32) (local $panels i32) (local $c0 i32) (local $width i32) (local $i i32) (local $s i32)
    (local $o i32) (local $r i32) (local $rowBytes i32) (local $wi v128)
    (local.set $panels (i32.shr_u (i32.add (local.get $p) (i32.const 3)) (i32.const 2)))
    (local.set $rowBytes (i32.shl (local.get $p) (i32.const 3)))
    (local.set $o (local.get $dst))
    (local.set $q (i32.const 0))
    (block $donePanels
      (loop $panelsLoop
        (br_if $donePanels (i32.ge_u (local.get $q) (local.get $panels)))
        (local.set $c0 (i32.shl (local.get $q) (i32.const 2)))
        (local.set $width (i32.sub (local.get $p) (local.get $c0)))
        (local.set $s (i32.add (local.get $src) (i32.shl (local.get $c0) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $doneRows
          (loop $rows
            (br_if $doneRows (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $wi (select (result v128)
              (v128.load64_splat (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
              (v128.const f64x2 1 1)
              (local.get $weighted)))
            (if (i32.ge_s (local.get $width) (i32.const 4))
              (then
                (if (local.get $weighted)
                  (then
                    (v128.store (local.get $o) (f64x2.mul (local.get $wi) (v128.load (local.get $s))))
                    (v128.store offset=16 (local.get $o)
                      (f64x2.mul (local.get $wi) (v128.load offset=16 (local.get $s)))))
                  (else
                    (v128.store (local.get $o) (v128.load (local.get $s)))
                    (v128.store offset=16 (local.get $o) (v128.load offset=16 (local.get $s))))))
              (else
                ;; the last, partial panel: width < 4 entries, zeros after
                (local.set $r (i32.const 0))
                (block $doneCols
                  (loop $cols
                    (br_if $doneCols (i32.ge_u (local.get $r) (i32.const 4)))
                    (f64.store
                      (i32.add (local.get $o) (i32.shl (local.get $r) (i32.const 3)))
                      (if (result f64) (i32.lt_s (local.get $r) (local.get $width))
                        (then
                          (if (result f64) (local.get $weighted)
                            (then (f64.mul (f64x2.extract_lane 0 (local.get $wi))
                              (f64.load (i32.add (local.get $s) (i32.shl (local.get $r) (i32.const 3))))))
                            (else (f64.load (i32.add (local.get $s) (i32.shl (local.get $r) (i32.const 3)))))))
                        (else (f64.const 0))))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $cols)))))
            (local.set $s (i32.add (local.get $s) (local.get $rowBytes)))
            (local.set $o (i32.add (local.get $o) (i32.const 32)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $panelsLoop))))
)
