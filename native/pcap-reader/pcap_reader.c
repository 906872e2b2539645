// libpcap for the capture helper. `cap` calls into JavaScript once per packet, has no timestamps or pcap_stats, and
// forces immediate mode, which on Linux means TPACKET_V2 with one snaplen-sized frame per packet: a 10 MB ring holds
// ~160 packets. This reads in buffered mode (TPACKET_V3: packets packed into blocks) and hands JavaScript every ready
// packet at once, already laid out as pcap records, so the helper's cost per packet is two memcpy calls.
#define NAPI_VERSION 8
#include <node_api.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define RECORD_HEADER 16
#define MAX_ARGUMENT 65536
/** An Ethernet header at least; at most what a pcap record of the helper's snapshot length can hold. */
#define MIN_SENT_FRAME 14
#define MAX_SENT_FRAME 65535

typedef struct {
  pcap_t *pcap;
  int snaplen;
  /** Packets that found no room in a batch (libpcap handed one more after the break): counted as dropped. */
  uint32_t overflowed;
} reader;

typedef struct {
  reader *r;
  pcap_t *pcap;
  unsigned char *out;
  size_t capacity;
  size_t written;
  size_t max_record;
  uint32_t snaplen;
} batch;

static napi_value throw_coded(napi_env env, const char *code, const char *message) {
  napi_value code_value, message_value, error;
  napi_create_string_utf8(env, code, NAPI_AUTO_LENGTH, &code_value);
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &message_value);
  napi_create_error(env, code_value, message_value, &error);
  napi_throw(env, error);
  return NULL;
}

/** A string argument, bounded; NULL (with a TypeError thrown) when it is not a string or too long. Free it. */
static char *string_argument(napi_env env, napi_value value, const char *name) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok || length >= MAX_ARGUMENT) {
    napi_throw_type_error(env, NULL, name);
    return NULL;
  }
  char *text = malloc(length + 1);
  if (text) napi_get_value_string_utf8(env, value, text, length + 1, &length);
  return text;
}

static reader *reader_argument(napi_env env, napi_value value) {
  reader *r = NULL;
  if (napi_get_value_external(env, value, (void **)&r) != napi_ok || r == NULL || r->pcap == NULL) {
    napi_throw_error(env, NULL, "the capture is closed");
    return NULL;
  }
  return r;
}

static void finalize_reader(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  reader *r = data;
  if (r->pcap) pcap_close(r->pcap);
  free(r);
}

static const char *activate_error_code(int status) {
  switch (status) {
    case PCAP_ERROR_PERM_DENIED:
    case PCAP_ERROR_PROMISC_PERM_DENIED:
      return "no-rights";
    case PCAP_ERROR_NO_SUCH_DEVICE:
      return "no-interface";
    default:
      return "failed";
  }
}

/** open(iface, filter, snaplen, bufferBytes, timeoutMs) -> { handle, linkType, linkName } */
static napi_value open_capture(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 5) return throw_coded(env, "failed", "open takes iface, filter, snaplen, bufferBytes, timeoutMs");
  int32_t snaplen = 0, buffer_bytes = 0, timeout_ms = 0;
  if (napi_get_value_int32(env, argv[2], &snaplen) != napi_ok || snaplen < 64 || snaplen > 262144
      || napi_get_value_int32(env, argv[3], &buffer_bytes) != napi_ok || buffer_bytes < 65536
      || napi_get_value_int32(env, argv[4], &timeout_ms) != napi_ok || timeout_ms < 1 || timeout_ms > 1000) {
    return throw_coded(env, "failed", "snaplen must be 64-262144, bufferBytes at least 65536, timeoutMs 1-1000");
  }
  char *iface = string_argument(env, argv[0], "iface must be a string");
  if (!iface) return NULL;
  char *filter = string_argument(env, argv[1], "filter must be a string");
  if (!filter) {
    free(iface);
    return NULL;
  }

  char errbuf[PCAP_ERRBUF_SIZE] = "";
  char message[PCAP_ERRBUF_SIZE + 64] = "";
  const char *code = NULL;
  pcap_t *p = pcap_create(iface, errbuf);
  if (!p) {
    code = "failed";
    snprintf(message, sizeof message, "%s", errbuf);
  } else {
    pcap_set_snaplen(p, snaplen);
    pcap_set_promisc(p, 1);
    pcap_set_buffer_size(p, buffer_bytes);
    pcap_set_timeout(p, timeout_ms);
    int status = pcap_activate(p);
    if (status < 0) {
      code = activate_error_code(status);
      const char *detail = pcap_geterr(p);
      snprintf(message, sizeof message, "%s", detail && *detail ? detail : pcap_statustostr(status));
    } else if (pcap_setnonblock(p, 1, errbuf) == -1) {
      code = "failed";
      snprintf(message, sizeof message, "%s", errbuf);
    } else if (*filter) {
      struct bpf_program program;
      if (pcap_compile(p, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == -1) {
        code = "bad-filter";
        snprintf(message, sizeof message, "%s", pcap_geterr(p));
      } else {
        if (pcap_setfilter(p, &program) == -1) {
          code = "failed";
          snprintf(message, sizeof message, "%s", pcap_geterr(p));
        }
        pcap_freecode(&program);
      }
    }
  }
  free(iface);
  free(filter);
  if (code) {
    if (p) pcap_close(p);
    return throw_coded(env, code, message);
  }

  reader *r = malloc(sizeof *r);
  if (!r) {
    pcap_close(p);
    return throw_coded(env, "failed", "out of memory");
  }
  r->pcap = p;
  r->snaplen = pcap_snapshot(p);
  r->overflowed = 0;
  int link_type = pcap_datalink(p);
  const char *link_name = pcap_datalink_val_to_name(link_type);
  napi_value result, handle, link_type_value, link_name_value;
  napi_create_object(env, &result);
  napi_create_external(env, r, finalize_reader, NULL, &handle);
  napi_create_int32(env, link_type, &link_type_value);
  napi_create_string_utf8(env, link_name ? link_name : "", NAPI_AUTO_LENGTH, &link_name_value);
  napi_set_named_property(env, result, "handle", handle);
  napi_set_named_property(env, result, "linkType", link_type_value);
  napi_set_named_property(env, result, "linkName", link_name_value);
  return result;
}

static void append_record(u_char *user, const struct pcap_pkthdr *header, const u_char *bytes) {
  batch *b = (batch *)user;
  uint32_t caplen = header->caplen < b->snaplen ? header->caplen : b->snaplen;
  // The break below should leave room for any record; never write past the buffer if libpcap goes on regardless.
  if (b->capacity - b->written < RECORD_HEADER + (size_t)caplen) {
    b->r->overflowed++;
    return;
  }
  uint32_t record[4] = { (uint32_t)header->ts.tv_sec, (uint32_t)header->ts.tv_usec, caplen, header->len };
  memcpy(b->out + b->written, record, RECORD_HEADER);
  memcpy(b->out + b->written + RECORD_HEADER, bytes, caplen);
  b->written += RECORD_HEADER + caplen;
  if (b->capacity - b->written < b->max_record) pcap_breakloop(b->pcap);
}

/** The (handle, Buffer) arguments of read and send; false (an exception thrown) when they are not that. */
static bool handle_and_buffer(napi_env env, napi_callback_info info, const char *usage, reader **r, void **data, size_t *length) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 2) {
    throw_coded(env, "failed", usage);
    return false;
  }
  *r = reader_argument(env, argv[0]);
  if (!*r) return false;
  if (napi_get_buffer_info(env, argv[1], data, length) != napi_ok) {
    throw_coded(env, "failed", usage);
    return false;
  }
  return true;
}

/** read(handle, buffer) -> bytes of pcap records written */
static napi_value read_batch(napi_env env, napi_callback_info info) {
  reader *r = NULL;
  void *data = NULL;
  size_t capacity = 0;
  if (!handle_and_buffer(env, info, "read takes a handle and a Buffer", &r, &data, &capacity)) return NULL;
  batch b = { .r = r, .pcap = r->pcap, .capacity = capacity, .max_record = RECORD_HEADER + (size_t)r->snaplen, .snaplen = (uint32_t)r->snaplen };
  if (b.capacity < b.max_record) return throw_coded(env, "failed", "read needs a Buffer of at least 16 + snaplen bytes");
  b.out = data;
  int status;
  // A break requested on the last packet of a batch is seen by the next call, which then reads nothing: go again.
  do status = pcap_dispatch(r->pcap, -1, append_record, (u_char *)&b);
  while (status == PCAP_ERROR_BREAK && b.written == 0);
  if (status == PCAP_ERROR) return throw_coded(env, "failed", pcap_geterr(r->pcap));
  napi_value written;
  napi_create_double(env, (double)b.written, &written);
  return written;
}

static napi_value uint32_array(napi_env env, const uint32_t *values, uint32_t count) {
  napi_value result, item;
  napi_create_array_with_length(env, count, &result);
  for (uint32_t i = 0; i < count; i++) {
    napi_create_uint32(env, values[i], &item);
    napi_set_element(env, result, i, item);
  }
  return result;
}

/**
 * send(handle, frame) -> [seconds, microseconds]: puts one whole link-layer frame on the wire as it is (pcap_inject)
 * and says when, read from the clock the kernel stamps captured packets with, just before sending.
 */
static napi_value send_frame(napi_env env, napi_callback_info info) {
  reader *r = NULL;
  void *data = NULL;
  size_t length = 0;
  if (!handle_and_buffer(env, info, "send takes a handle and a Buffer", &r, &data, &length)) return NULL;
  if (length < MIN_SENT_FRAME || length > MAX_SENT_FRAME) {
    return throw_coded(env, "failed", "a frame to send must be a Buffer of 14 to 65535 bytes");
  }
  struct timeval when;
  gettimeofday(&when, NULL);
  int sent = pcap_inject(r->pcap, data, length);
  if (sent == -1) return throw_coded(env, "failed", pcap_geterr(r->pcap));
  if ((size_t)sent != length) return throw_coded(env, "failed", "the interface took only part of the frame");
  uint32_t values[2] = { (uint32_t)when.tv_sec, (uint32_t)when.tv_usec };
  return uint32_array(env, values, 2);
}

/** stats(handle) -> [received, kernelDropped, interfaceDropped] */
static napi_value read_stats(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  reader *r = argc == 1 ? reader_argument(env, argv[0]) : NULL;
  if (!r) return NULL;
  struct pcap_stat counters;
  if (pcap_stats(r->pcap, &counters) == -1) return throw_coded(env, "failed", pcap_geterr(r->pcap));
  uint32_t values[3] = { counters.ps_recv, counters.ps_drop + r->overflowed, counters.ps_ifdrop };
  return uint32_array(env, values, 3);
}

static napi_value close_capture(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  reader *r = NULL;
  if (argc == 1 && napi_get_value_external(env, argv[0], (void **)&r) == napi_ok && r && r->pcap) {
    pcap_close(r->pcap);
    r->pcap = NULL;
  }
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor methods[] = {
    { "open", NULL, open_capture, NULL, NULL, NULL, napi_enumerable, NULL },
    { "read", NULL, read_batch, NULL, NULL, NULL, napi_enumerable, NULL },
    { "send", NULL, send_frame, NULL, NULL, NULL, napi_enumerable, NULL },
    { "stats", NULL, read_stats, NULL, NULL, NULL, napi_enumerable, NULL },
    { "close", NULL, close_capture, NULL, NULL, NULL, napi_enumerable, NULL },
  };
  napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
