export { startTwilioApi, type TwilioRequest } from "@tpx/testing/fake-twilio";
