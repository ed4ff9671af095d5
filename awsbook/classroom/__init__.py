"""Classroom kit: student copies without solutions and batch auto-grading.

* :func:`awsbook.classroom.student.make_student_copies` writes every chapter
  notebook for students (solutions removed, answer cells stubbed), a manifest
  (chapter, exercise ids, points) and a zip for an LMS.
* :func:`awsbook.classroom.grading.grade_submissions` runs each submitted
  notebook in its own kernel process with time limits, inside a sandbox
  (:mod:`awsbook.classroom.sandbox`: its own folder, no network, memory and
  process limits), and scores it with the same answer checks the students see
  (``awsbook.exercises.check``), and scores the answer sheets students export
  from the HTML book (:mod:`awsbook.classroom.sheets`) with the same keys,
  without a kernel.

Command line: ``awsbook-classroom student-copy OUTDIR`` and
``awsbook-classroom grade SUBMISSIONS_DIR --out grades.csv`` (or
``python -m awsbook.classroom ...``).  ``--no-sandbox`` grades without the
sandbox, with the teacher's rights (it says so).
"""
