;;; eglot.el --- Emacs 28's eglot attached to dplint lsp, for TestEglotClient  -*- lexical-binding: t -*-
;; Opens $DPLINT_FILE in js-mode, starts eglot on "$DPLINT_BIN lsp", waits
;; for diagnostics, asks for a hover and the code actions at the misspelt
;; field, applies the rule's own fix with eglot's workspace-edit code and
;; waits for the server to take the finding back.  Each step is a JSON line
;; in $DPLINT_OUT; the Go test asserts on them.  Run it with
;; `emacs --batch -l eglot.el' (not -Q: Debian's site-start puts elpa-eglot
;; on the load path).
(require 'eglot)
(require 'json)

(defvar dplint-test-diagnostics nil
  "The diagnostics of the last publishDiagnostics eglot received.")

;; Record what eglot's own notification handler is given (the handler
;; then files it with Flymake, whose reporting waits on idle timers that a
;; batch Emacs never runs).
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (setq dplint-test-diagnostics
                      (append (plist-get params :diagnostics) nil)))))

(defun dplint-test-put (kind value)
  (with-temp-buffer
    (insert (json-encode (list (cons 'kind kind) (cons 'value value))) "\n")
    (append-to-file (point-min) (point-max) (getenv "DPLINT_OUT"))))

(defun dplint-test-fail (msg)
  (dplint-test-put "error" msg)
  (kill-emacs 1))

(defun dplint-test-wait (pred seconds)
  "Wait up to SECONDS for PRED, reading the server's output meanwhile."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun dplint-test-codes ()
  (sort (mapcar (lambda (d) (plist-get d :code)) dplint-test-diagnostics) #'string<))

(defun dplint-test-position (text)
  "The LSP position one character into the first TEXT in the buffer."
  (save-excursion
    (goto-char (point-min))
    (unless (search-forward text nil t)
      (dplint-test-fail (concat "not in the buffer: " text)))
    (goto-char (1+ (match-beginning 0)))
    (eglot--pos-to-lsp-position)))

(setq eglot-sync-connect t
      eglot-autoshutdown t
      eglot-send-changes-idle-time 0.05)
(let* ((file (getenv "DPLINT_FILE"))
       (dir (file-name-directory file)))
  (find-file file)
  (js-mode)
  (eglot '(js-mode) (cons 'transient dir) 'eglot-lsp-server
         (list (getenv "DPLINT_BIN") "lsp") "json")
  (unless (dplint-test-wait (lambda () dplint-test-diagnostics) 20)
    (dplint-test-fail "no diagnostics within 20 s"))
  (dolist (d dplint-test-diagnostics)
    (let ((start (plist-get (plist-get d :range) :start)))
      (dplint-test-put "diagnostic"
                       (list (cons 'line (plist-get start :line))
                             (cons 'col (plist-get start :character))
                             (cons 'code (plist-get d :code))
                             (cons 'message (plist-get d :message))))))
  (let* ((server (eglot--current-server-or-lose))
         (doc (eglot--TextDocumentIdentifier))
         (hover (jsonrpc-request server :textDocument/hover
                                 (list :textDocument doc
                                       :position (dplint-test-position "ShellCommandActivity"))))
         (at (dplint-test-position "\"comand\""))
         (actions (jsonrpc-request server :textDocument/codeAction
                                   (list :textDocument doc
                                         :range (list :start at :end at)
                                         :context (list :diagnostics []))))
         chosen)
    (dplint-test-put "hover" (or (plist-get (plist-get hover :contents) :value) ""))
    (seq-doseq (a actions)
      (dplint-test-put "action" (plist-get a :title))
      (when (and (eq (plist-get a :isPreferred) t) (plist-get a :edit) (not chosen))
        (setq chosen a)))
    (unless chosen
      (dplint-test-fail "no preferred code action with an edit"))
    (setq dplint-test-diagnostics (list (list :code "pending")))
    (eglot--apply-workspace-edit (plist-get chosen :edit))
    (dplint-test-put "text" (buffer-substring-no-properties (point-min) (point-max)))
    ;; eglot sends the edit as an incremental change from an idle timer,
    ;; which a batch Emacs never runs: send what that timer would.  Then
    ;; wait until the finding the edit fixed is gone.
    (eglot--signal-textDocument/didChange)
    (let ((gone (dplint-test-wait
                 (lambda () (let ((codes (dplint-test-codes)))
                              (not (or (member "pending" codes) (member "DP1103" codes)))))
                 20)))
      (dplint-test-put "after" (vconcat (dplint-test-codes)))
      (unless gone
        (dplint-test-fail "DP1103 still reported after the fix")))
    (eglot-shutdown server)
    (dplint-test-put "done" t)
    (kill-emacs 0)))
