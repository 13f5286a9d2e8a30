package io.watchfloor.notify;

import io.watchfloor.UnitTest;
import io.watchfloor.notify.ReceiverAnswer.Verdict;
import org.junit.jupiter.api.Test;

import static io.watchfloor.notify.ChannelType.DINGTALK;
import static io.watchfloor.notify.ChannelType.SMS;
import static io.watchfloor.notify.ChannelType.WEBHOOK;
import static io.watchfloor.notify.ChannelType.WECOM;
import static org.assertj.core.api.Assertions.assertThat;

/** Each receiver's answers, as each robot documents them, sorted into what the sender does next. */
@UnitTest
class ReceiverAnswerTest {

  @Test
  void robotsSayInTheBodyWhetherTheyTookIt() {
    assertThat(verdict(WECOM, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isEqualTo(Verdict.SENT);
    assertThat(verdict(DINGTALK, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isEqualTo(Verdict.SENT);
    assertThat(verdict(DINGTALK, 200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}")).isEqualTo(Verdict.RETRY);
    assertThat(verdict(WECOM, 200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")).isEqualTo(Verdict.RETRY);
    assertThat(verdict(DINGTALK, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}")).isEqualTo(Verdict.STOP_CHANNEL);
    assertThat(verdict(WECOM, 200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")).isEqualTo(Verdict.STOP_CHANNEL);
    assertThat(verdict(WECOM, 200, "{\"errcode\":40058,\"errmsg\":\"markdown.content exceed max length\"}"))
        .isEqualTo(Verdict.FAILED);
  }

  @Test
  void oneRobotsCodeMeansNothingSpecialToTheOther() {
    assertThat(verdict(WECOM, 200, "{\"errcode\":130101,\"errmsg\":\"?\"}")).isEqualTo(Verdict.FAILED);
    assertThat(verdict(DINGTALK, 200, "{\"errcode\":93000,\"errmsg\":\"?\"}")).isEqualTo(Verdict.FAILED);
  }

  @Test
  void aRobotThatDoesNotAnswerLikeOneIsNotTakenForSent() {
    ReceiverAnswer answer = ReceiverAnswer.classify(WECOM, 200, "<html>portal</html>");
    assertThat(answer.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(answer.detail()).contains("<html>portal</html>");
    assertThat(verdict(DINGTALK, 200, "")).isEqualTo(Verdict.FAILED);
    assertThat(verdict(DINGTALK, 200, null)).isEqualTo(Verdict.FAILED);
  }

  @Test
  void theHttpStatusDecidesForEveryone() {
    for (ChannelType type : ChannelType.values()) {
      assertThat(verdict(type, 429, "")).as("%s 429", type).isEqualTo(Verdict.RETRY);
      assertThat(verdict(type, 500, "")).isEqualTo(Verdict.RETRY);
      assertThat(verdict(type, 503, "{\"errcode\":0}")).isEqualTo(Verdict.RETRY);
      assertThat(verdict(type, 401, "")).isEqualTo(Verdict.STOP_CHANNEL);
      assertThat(verdict(type, 403, "")).isEqualTo(Verdict.STOP_CHANNEL);
      assertThat(verdict(type, 404, "")).isEqualTo(Verdict.STOP_CHANNEL);
      assertThat(verdict(type, 400, "")).isEqualTo(Verdict.FAILED);
      assertThat(verdict(type, 413, "")).isEqualTo(Verdict.FAILED);
      assertThat(verdict(type, 302, "")).isEqualTo(Verdict.FAILED);
    }
    assertThat(verdict(WEBHOOK, 200, "whatever")).isEqualTo(Verdict.SENT);
    assertThat(verdict(WEBHOOK, 204, null)).isEqualTo(Verdict.SENT);
    assertThat(verdict(SMS, 202, "")).isEqualTo(Verdict.SENT);
  }

  @Test
  void noAnswerIsRetried() {
    ReceiverAnswer answer = ReceiverAnswer.unreachable("connect timed out after 5000 ms");
    assertThat(answer.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(answer.detail()).contains("timed out");
  }

  private static Verdict verdict(ChannelType type, int status, String body) {
    return ReceiverAnswer.classify(type, status, body).verdict();
  }
}
