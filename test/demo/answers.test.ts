import fc from "fast-check";
import t from "tap";
import { answersAt, type Question } from "../../scripts/demo/answers.ts";

const QUESTIONS: Question[] = [
  { id: "overall", type: "scale_0_10", required: true },
  { id: "communication", type: "scale_1_5", required: true },
  { id: "recommend", type: "nps", required: true },
  { id: "again", type: "yes_no", required: false },
  { id: "improve", type: "text", required: false },
];

t.test("the ends of the range: worst and best answers, no text", async (t) => {
  t.same(answersAt(QUESTIONS, 0), { overall: 0, communication: 1, recommend: 0, again: false });
  t.same(answersAt(QUESTIONS, 1), { overall: 10, communication: 5, recommend: 10, again: true });
});

t.test("every answer is in its question's range, and a higher level never answers lower", async (t) => {
  fc.assert(
    fc.property(fc.double({ min: -1, max: 2, noNaN: true }), fc.double({ min: -1, max: 2, noNaN: true }), (a, b) => {
      const [low, high] = a <= b ? [a, b] : [b, a];
      const lower = answersAt(QUESTIONS, low);
      const higher = answersAt(QUESTIONS, high);
      const inRange = (value: unknown, min: number, max: number) =>
        typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
      for (const answers of [lower, higher]) {
        if (!inRange(answers.overall, 0, 10) || !inRange(answers.recommend, 0, 10)) return false;
        if (!inRange(answers.communication, 1, 5) || "improve" in answers) return false;
      }
      return (
        (lower.overall as number) <= (higher.overall as number) &&
        (lower.communication as number) <= (higher.communication as number) &&
        Number(lower.again) <= Number(higher.again)
      );
    }),
  );
  t.pass("holds");
});
