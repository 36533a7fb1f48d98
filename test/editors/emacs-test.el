;;; emacs-test.el --- batch Emacs + Eglot end-to-end test of the language server -*- lexical-binding: t -*-
;; Run by test/editors/run.sh:  emacs --batch -q -l emacs-test.el   (exit 1 on failure)
;; Environment: GOVREPORT_SERVER, TEST_FILE, EXPECT_CODE (cell-count), DIAG_TIMEOUT_MS.
(setq debug-on-error nil)
(require 'package)
(package-initialize)                    ; Debian's elpa-eglot lives in /usr/share/emacs/site-lisp/elpa
(require 'eglot)
(require 'flymake)
(defvar govreport-test-t0 (float-time))
(defun govreport-test-fail (msg) (message "FAIL (emacs): %s" msg) (kill-emacs 1))
(define-derived-mode govreport-mode text-mode "GovReport")
(add-to-list 'eglot-server-programs
             `(govreport-mode . ("node" ,(getenv "GOVREPORT_SERVER") "--stdio")))
(setq eglot-sync-connect t eglot-connect-timeout 15 eglot-autoshutdown t
      flymake-start-on-flymake-mode t)

(defvar govreport-test-expect (format "[%s]" (or (getenv "EXPECT_CODE") "cell-count")))
(defvar govreport-test-timeout (/ (string-to-number (or (getenv "DIAG_TIMEOUT_MS") "15000")) 1000.0))

(find-file (getenv "TEST_FILE"))
(govreport-mode)
(condition-case err (apply #'eglot (eglot--guess-contact))
  (error (govreport-test-fail (format "eglot failed to start: %S" err))))
(unless (eglot-current-server) (govreport-test-fail "no eglot server"))

(defun govreport-test-matching ()
  "The diagnostics of the expected rule, first in the buffer first."
  (sort (seq-filter (lambda (d) (string-search govreport-test-expect (flymake-diagnostic-text d)))
                    (flymake-diagnostics))
        (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))

(defun govreport-test-wait (predicate)
  "Kick flymake until PREDICATE holds (batch mode has no command loop)."
  (let ((deadline (+ (float-time) govreport-test-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (flymake-start)
      (accept-process-output nil 0.05))
    (funcall predicate)))

(unless (govreport-test-wait (lambda () (govreport-test-matching)))
  (govreport-test-fail (format "no %s diagnostic within %ss (got %d)" govreport-test-expect
                               govreport-test-timeout (length (flymake-diagnostics)))))
(dolist (d (flymake-diagnostics))
  (message "DIAG %d type=%s %s" (line-number-at-pos (flymake-diagnostic-beg d))
           (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
(message "OK (emacs) %s diagnostic after %.0f ms" govreport-test-expect
         (* 1000 (- (float-time) govreport-test-t0)))

;; An edit (an empty line at the top) is sent to the server and the diagnostics follow it one line down.
(let ((line (line-number-at-pos (flymake-diagnostic-beg (car (govreport-test-matching))))))
  (goto-char (point-min))
  (insert "\n")
  (eglot--signal-textDocument/didChange)
  (unless (govreport-test-wait
           (lambda ()
             (let ((d (car (govreport-test-matching))))
               (and d (= (line-number-at-pos (flymake-diagnostic-beg d)) (1+ line))))))
    (govreport-test-fail "diagnostics did not follow the edit")))
(message "OK (emacs) diagnostics updated after an edit, %.0f ms" (* 1000 (- (float-time) govreport-test-t0)))
(set-buffer-modified-p nil)
(eglot-shutdown (eglot-current-server))
(kill-emacs 0)
